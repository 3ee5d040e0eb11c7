from pathlib import Path

import pytest

from casereview.config import SETTINGS, Config


def test_defaults_put_all_state_under_var():
    config = Config.from_env(environ={})
    assert config.data_dir == Path("./var").resolve()
    assert config.database_url == f"sqlite:///{config.data_dir / 'catalogue.sqlite3'}"
    assert config.engine_home == config.data_dir / "engine-artifacts"
    assert config.alias == "casereview-reports"
    assert config.elasticsearch_url == ""


def test_environment_variables_with_prefix_are_read(tmp_path):
    config = Config.from_env(
        environ={
            "CASEREVIEW_DATA_DIR": str(tmp_path),
            "CASEREVIEW_INDEX_PREFIX": "nightly",
            "CASEREVIEW_WEB_PORT": "8080",
            "CASEREVIEW_ELASTICSEARCH_URL": "http://127.0.0.1:9201/",
        }
    )
    assert config.data_dir == tmp_path
    assert config.alias == "nightly-reports"
    assert config.web_port == 8080
    assert config.elasticsearch_url == "http://127.0.0.1:9201"


def test_plain_elasticsearch_url_is_honoured_but_prefixed_one_wins():
    assert (
        Config.from_env(environ={"ELASTICSEARCH_URL": "http://a:1"}).elasticsearch_url
        == "http://a:1"
    )
    both = {"ELASTICSEARCH_URL": "http://a:1", "CASEREVIEW_ELASTICSEARCH_URL": "http://b:2"}
    assert Config.from_env(environ=both).elasticsearch_url == "http://b:2"


def test_unknown_override_is_refused():
    with pytest.raises(TypeError):
        Config.from_env(environ={}, no_such_setting=1)


def test_every_setting_has_help():
    assert all(setting.help for setting in SETTINGS)


def test_each_setting_is_a_typed_field_of_the_config():
    config = Config.from_env(environ={"CASEREVIEW_SECURE_COOKIES": "yes"})
    for setting in SETTINGS:
        assert isinstance(getattr(config, setting.field), setting.kind.type), setting.name
    assert config.secure_cookies is True


def test_several_cluster_nodes_are_read_as_a_list():
    config = Config.from_env(
        environ={"CASEREVIEW_ELASTICSEARCH_URL": "http://a:9200/, http://b:9200 ,,http://c:9200"}
    )
    assert config.elasticsearch_urls == ["http://a:9200", "http://b:9200", "http://c:9200"]
    assert Config.from_env(environ={}).elasticsearch_urls == []


def test_string_overrides_are_read_like_the_environment(tmp_path):
    config = Config.from_env(environ={}, data_dir=str(tmp_path), web_port="8081")
    assert config.web_port == 8081
    assert config.database_url == f"sqlite:///{tmp_path / 'catalogue.sqlite3'}"


def test_to_env_gives_the_same_configuration_to_another_process(tmp_path):
    config = Config.from_env(
        environ={},
        data_dir=tmp_path,
        elasticsearch_url="http://127.0.0.1:9201,http://127.0.0.1:9202",
        web_port=8081,
        secure_cookies=True,
        index_sync_seconds=2.5,
    )
    environ = config.to_env()
    assert set(environ) == {f"CASEREVIEW_{s.name}" for s in SETTINGS}
    assert environ["CASEREVIEW_SECURE_COOKIES"] == "1"
    assert Config.from_env(environ=environ) == config
