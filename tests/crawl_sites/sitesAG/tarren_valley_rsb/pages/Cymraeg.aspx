<!DOCTYPE html>
<html lang="cy">
<head id="head"><title>
	Cymraeg - Tarren Valley Regional Safeguarding Board
</title><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<link href="/CMSPages/GetResource.ashx?stylesheetname=TVRSB_Main" type="text/css" rel="stylesheet"/>
<link href="/App_Themes/TVRSB/favicon.ico" type="image/x-icon" rel="shortcut icon"/>
</head>
<body class="LTR Chrome ENGB ContentBody">
<form method="post" action="./Cymraeg.aspx" id="form">
<div class="aspNetHidden">
<input type="hidden" name="__CMSCsrfToken" id="__CMSCsrfToken" value="kQ3u7mA1R0yC8b2x4Wn/9PEl2tFv0h6Zc1s=" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkq8yL0k3fY7bP2u+Y0u5cqD1t4Xc=" />
</div>
<div id="cookieBar" class="cookie-bar">
  <p>This site uses cookies. Some are essential; others help us understand how the site is used. <a href="/Cookies.aspx">Read our cookie policy</a></p>
  <input type="submit" name="p$lt$ctl00$CookieLaw$btnAllow" value="Allow all cookies" class="btn" />
  <input type="submit" name="p$lt$ctl00$CookieLaw$btnDeny" value="Essential only" class="btn btn-alt" />
</div>
<div class="hide-site"><a href="https://www.google.co.uk" id="quickExit" title="Click to leave this website quickly">Hide this page</a></div>
<div class="top-bar">
  <div class="container">
    <ul class="top-links">
      <li><a href="/Cymraeg.aspx" lang="cy" hreflang="cy">Cymraeg</a></li>
      <li><a href="/Contact-Us.aspx">Contact</a></li>
      <li><a href="/Accessibility.aspx">Accessibility</a></li>
    </ul>
  </div>
</div>
<header class="header">
  <div class="container">
    <a class="logo" href="/"><img src="/getmedia/0b5d6c2e-1f3a-4e7b-9a8c-5d4e3f2a1b0c/tvrsb-logo.aspx" alt="Tarren Valley Regional Safeguarding Board / Bwrdd Diogelu Rhanbarthol Cwm Tarren" /></a>
    <div class="searchBox">
      <label for="p_lt_ctl02_SearchBox_txtWord" class="sr-only">Search</label>
      <input name="p$lt$ctl02$SearchBox$txtWord" type="text" id="p_lt_ctl02_SearchBox_txtWord" class="form-control" placeholder="Search..." />
      <input type="submit" name="p$lt$ctl02$SearchBox$btnSearch" value="Search" id="p_lt_ctl02_SearchBox_btnSearch" class="btn" />
    </div>
    <a class="report-btn" href="/Report-a-Concern.aspx">Report a concern</a>
  </div>
  <nav class="main-nav" aria-label="Main">
    <ul id="menuElem" class="CMSListMenuUL">
      <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/About-Us.aspx">About Us</a>
        <ul class="CMSListMenuUL">
          <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/About-Us/Board-Members.aspx">Board members</a></li>
          <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/About-Us/Annual-Reports-and-Plans.aspx">Annual reports and plans</a></li>
        </ul>
      </li>
      <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Professionals.aspx">Professionals</a>
        <ul class="CMSListMenuUL">
          <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Professionals/Practice-Reviews.aspx">Practice reviews</a></li>
          <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Professionals/7-Minute-Briefings.aspx">7 minute briefings</a></li>
          <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Professionals/Newsletters.aspx">Newsletters</a></li>
        </ul>
      </li>
      <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Training.aspx">Training</a>
        <ul class="CMSListMenuUL">
          <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Training/Course-Calendar.aspx">Course calendar</a></li>
        </ul>
      </li>
      <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Parents-and-Carers.aspx">Parents and Carers</a>
      </li>
      <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Children-and-Young-People.aspx">Children and Young People</a>
      </li>
      <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/News.aspx">News</a>
      </li>
      <li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/Contact-Us.aspx">Contact Us</a>
      </li>
    </ul>
  </nav>
</header>
<div class="container main">
<div class="breadcrumbs"><a href="/" class="CMSBreadCrumbsLink">Home</a> <span class="sep">&gt;</span> <span class="CMSBreadCrumbsCurrentItem">Cymraeg</span></div>
<div class="content" id="content">

<h1>Bwrdd Diogelu Rhanbarthol Cwm Tarren</h1>
<p>Croeso i'n gwefan. Mae'r rhan fwyaf o'n gwefan ar gael yn Saesneg yn unig ar hyn o bryd, ond rydym yn cyhoeddi'r dogfennau canlynol yn Gymraeg. Cysylltwch &acirc;'r Uned Fusnes os hoffech dderbyn gwybodaeth yn Gymraeg.</p>
<h2>Adolygiadau Ymarfer Plant &ndash; crynodebau</h2>
<ul class="doc-list">
  <li><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/0011659c-439d-5aa4-b668-4816640e16b4/CPR-1-2024-Crynodeb.aspx" hreflang="cy">Crynodeb: Adolygiad Ymarfer Plant 1/2024</a></li>
  <li><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/4397884e-15d9-56a9-9945-786728c27a5e/CPR-2-2023-Crynodeb-Cymraeg.aspx" hreflang="cy">Crynodeb: Adolygiad Ymarfer Plant 2/2023</a></li>
  <li><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/39db9cd6-9f4d-57c1-99cc-d7bb3a6aaf16/ECPR-1-2022-Crynodeb.aspx" hreflang="cy">Crynodeb: Adolygiad Ymarfer Plant Estynedig 1/2022</a></li>
</ul>
<h2>Adroddiad Blynyddol</h2>
<ul class="doc-list">
  <li><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/e4eb9a78-b0eb-56ba-b225-5c6fe3b64d78/TVRSB-Adroddiad-Blynyddol-2023-24.aspx" hreflang="cy">Adroddiad Blynyddol 2023-24</a></li>
</ul>
<h2>Pryderu am blentyn neu oedolyn?</h2>
<p>Os oes rhywun mewn perygl uniongyrchol, ffoniwch 999.</p>

</div>
</div>
<footer class="footer">
  <div class="container">
    <div class="footer-col">
      <h3>Tarren Valley Regional Safeguarding Board</h3>
      <p>Business Unit, Ty Afon, Heol y Bont, Pontarren CF99 4TR<br/>Tel: 01632 961 500</p>
    </div>
    <div class="footer-col">
      <ul>
        <li><a href="/Privacy-Notice.aspx">Privacy notice</a></li>
        <li><a href="/Cookies.aspx">Cookies</a></li>
        <li><a href="/Accessibility.aspx">Accessibility statement</a></li>
        <li><a href="/Search.aspx">Site search</a></li>
      </ul>
    </div>
    <div class="footer-col social">
      <a href="https://twitter.com/TarrenValleyRSB" class="social-twitter" title="Twitter"><span class="fa fa-twitter"></span></a>
      <a href="https://www.facebook.com/TarrenValleyRSB" class="social-facebook" title="Facebook"><span class="fa fa-facebook"></span></a>
      <a href="https://www.youtube.com/@TarrenValleyRSB" class="social-youtube" title="YouTube"><span class="fa fa-youtube"></span></a>
    </div>
    <p class="copyright">&copy; 2024 Tarren Valley Regional Safeguarding Board</p>
  </div>
</footer>
<script type="text/javascript">
//<![CDATA[
var CMS = CMS || {}; CMS.Application = { "language": "en-GB", "isRTL": false, "applicationUrl": "/" };
//]]>
</script>
</form>
</body>
</html>
