// The coding page, enhanced: a free selection of the page's text (with the mouse, or the keyboard
// with caret browsing) fills the coding form's offsets and quote, so the form codes exactly that
// passage. Without this script the sentence checkboxes do the same job through the same form.
// Offsets count characters (code points) of the stored page text, as the server does; each
// sentence's text sits alone in a span carrying its offsets (data-start, data-end).
(function () {
  "use strict";
  var form = document.getElementById("coding-form");
  var text = document.getElementById("page-text");
  if (!form || !text) {
    return;
  }
  document.documentElement.classList.add("js");
  var box = document.getElementById("selection");
  var shownQuote = document.getElementById("selection-quote");
  var fields = { start: form.elements.start, end: form.elements.end, quote: form.elements.quote };
  var sentences = Array.prototype.slice.call(text.querySelectorAll(".sentence-text"));
  var ticks = Array.prototype.slice.call(text.querySelectorAll("input[name=sentence]"));
  document.getElementById("selection-hint").hidden = false;

  function characters(string) {
    return Array.from(string);
  }

  function sentenceOf(node) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    return element && element.closest ? element.closest(".sentence-text") : null;
  }

  // The page-text offset of a boundary point of the selection; a point between sentences
  // moves to the start of the next one (atEnd: to the end of the one before).
  function offsetOf(container, offset, atEnd) {
    var sentence = sentenceOf(container);
    if (sentence && text.contains(sentence)) {
      if (container.nodeType === Node.TEXT_NODE) {
        return Number(sentence.dataset.start) + characters(container.data.slice(0, offset)).length;
      }
      return Number(atEnd ? sentence.dataset.end : sentence.dataset.start);
    }
    var point = document.createRange();
    point.setStart(container, offset);
    if (atEnd) {
      for (var i = sentences.length - 1; i >= 0; i--) {
        if (point.comparePoint(sentences[i], sentences[i].childNodes.length) <= 0) {
          return Number(sentences[i].dataset.end);
        }
      }
      return null;
    }
    for (var j = 0; j < sentences.length; j++) {
      if (point.comparePoint(sentences[j], 0) >= 0) {
        return Number(sentences[j].dataset.start);
      }
    }
    return null;
  }

  // The selected text as the page has it, sentence by sentence (the spaces between sentences
  // are not on the page: the server compares words, not spaces).
  function quoteOf(start, end) {
    return sentences
      .map(function (sentence) {
        var from = Number(sentence.dataset.start);
        var to = Number(sentence.dataset.end);
        if (to <= start || from >= end) {
          return "";
        }
        return characters(sentence.textContent)
          .slice(Math.max(start, from) - from, Math.min(end, to) - from)
          .join("");
      })
      .filter(Boolean)
      .join(" ");
  }

  function clear() {
    fields.start.value = fields.end.value = fields.quote.value = "";
    box.hidden = true;
  }

  function capture() {
    var selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) {
      return; // a click elsewhere keeps the passage chosen last
    }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer) && !range.intersectsNode(text)) {
      return;
    }
    var start = offsetOf(range.startContainer, range.startOffset, false);
    var end = offsetOf(range.endContainer, range.endOffset, true);
    if (start === null || end === null || start >= end) {
      return;
    }
    fields.start.value = start;
    fields.end.value = end;
    fields.quote.value = quoteOf(start, end);
    shownQuote.textContent = fields.quote.value;
    box.hidden = false;
    ticks.forEach(function (tick) {
      tick.checked = false;
    });
  }

  document.addEventListener("selectionchange", capture);
  // Selecting within one sentence must not tick or untick its checkbox.
  text.addEventListener("click", function (event) {
    var selection = document.getSelection();
    if (event.target.closest("label") && selection && !selection.isCollapsed) {
      event.preventDefault();
    }
  });
  ticks.forEach(function (tick) {
    tick.addEventListener("change", function () {
      if (tick.checked) {
        clear();
      }
    });
  });
  document.getElementById("selection-clear").addEventListener("click", function () {
    clear();
    document.getSelection().removeAllRanges();
  });
})();
