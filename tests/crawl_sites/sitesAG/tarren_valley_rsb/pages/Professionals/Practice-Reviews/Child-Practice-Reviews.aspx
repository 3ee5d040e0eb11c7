<!DOCTYPE html>
<html lang="en-GB">
<head id="head"><title>
	Child Practice Reviews - Tarren Valley Regional Safeguarding Board
</title><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<link href="/CMSPages/GetResource.ashx?stylesheetname=TVRSB_Main" type="text/css" rel="stylesheet"/>
<link href="/App_Themes/TVRSB/favicon.ico" type="image/x-icon" rel="shortcut icon"/>
</head>
<body class="LTR Chrome ENGB ContentBody">
<form method="post" action="./Child-Practice-Reviews.aspx" id="form">
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
      <li class="CMSListMenuLI CMSListMenuHighlightedLI"><a class="CMSListMenuLink" href="/Professionals.aspx">Professionals</a>
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
<div class="breadcrumbs"><a href="/" class="CMSBreadCrumbsLink">Home</a> <span class="sep">&gt;</span> <a href="/Professionals.aspx" class="CMSBreadCrumbsLink">Professionals</a> <span class="sep">&gt;</span> <a href="/Professionals/Practice-Reviews.aspx" class="CMSBreadCrumbsLink">Practice reviews</a> <span class="sep">&gt;</span> <span class="CMSBreadCrumbsCurrentItem">Child Practice Reviews</span></div>
<div class="content" id="content">

<h1>Child Practice Reviews</h1>
<p>Reports are published in English. A Welsh summary (crynodeb) of recent reviews is published on our <a href="/Cymraeg.aspx" lang="cy">Cymraeg</a> page. Please contact the Business Unit if you need a report in another format.</p>
<dl class="review-list">
  <dt id="cpr-1-2024">TVRSB CPR 1/2024 &ndash; Concise Child Practice Review, &ldquo;Child A&rdquo; (Pontarren)</dt>
  <dd class="review-desc">A seven-year-old child who was seriously injured while living with a relative under an informal kinship arrangement. Published May 2024.</dd>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/39eebafc-c09f-5a9b-9070-baaf87f645d1/TVRSB-CPR-1-2024-Report.aspx" target="_blank">Report</a></dd>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/41f13b4f-8c4a-53b2-a8b9-44ffc173d0b0/CPR-1-2024-Learning-Summary.aspx" target="_blank">Learning summary for practitioners</a></dd>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getattachment/a0fe32be-56a2-555c-9b3b-00e386f4ca8c/CPR-1-2024-Board-Action-Plan.aspx" target="_blank">Action plan</a></dd>

  <dt id="cpr-2-2023">TVRSB CPR 2/2023 &ndash; Concise Child Practice Review, &ldquo;Siblings B and C&rdquo; (Cwm Isaf)</dt>
  <dd class="review-desc">Two young children exposed to parental substance misuse. Published September 2023.</dd>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/7596fd45-8aaa-5b46-b6d4-e4dde5597856/TVRSB-CPR-2-2023-Final-Report.pdf" target="_blank">Final report</a></dd>
  <dd>The 7 minute briefing for this review is on the <a href="/Professionals/7-Minute-Briefings.aspx">7 minute briefings</a> page.</dd>

  <dt id="ecpr-1-2022">TVRSB ECPR 1/2022 &ndash; Extended Child Practice Review, &ldquo;Baby E&rdquo; (Llanfelen)</dt>
  <dd class="review-desc">An infant who died at five weeks. Published November 2022.</dd>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/1c8c0615-1b2b-5645-83c5-0b9bf2168cae/Extended-CPR-1-2022-Overview-Report.aspx" target="_blank">Overview report</a></dd>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/aee7ad79-a5f2-5108-990a-a06f8ed342c5/ECPR-1-2022-Action-Plan.aspx" target="_blank">Board's action plan</a></dd>

  <dt id="cpr-1-2021">TVRSB CPR 1/2021 &ndash; &ldquo;Young Person F&rdquo;</dt>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/8075eeed-8a57-55eb-a0d8-59b7a8cb77f8/CPR-1-2021-Report-Final.aspx" target="_blank">Report (PDF 540KB)</a></dd>

  <dt id="cpr-3-2019">TVSCB CPR 3/2019 &ndash; &ldquo;Child G&rdquo; (former Tarren Valley Safeguarding Children Board)</dt>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/5cb7054b-4d24-5369-8040-7b27f14f53ef/TVSCB-CPR-3-2019.aspx" target="_blank">Report</a></dd>
  <dd><a href="https://www.tarrenvalleysafeguarding.wales/getmedia/c9e16c4e-a7f9-5152-9034-b21d21196c5a/TVSCB-CPR-3-2019-Easy-Read.aspx" target="_blank">Easy read version</a></dd>
</dl>

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
