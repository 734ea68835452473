/**
 * The caseworker's page (Danish), served at `/`. Static markup only: no inline script or style
 * (the Content-Security-Policy forbids both); the behaviour is /ui/app.js, the look /ui/styles.css.
 */
export const UI_PAGE = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bilagsassistent – Beskæftigelses- og Integrationsforvaltningen</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/styles.css">
<script type="module" src="/ui/app.js"></script>
</head>
<body>
<a class="skip-link" href="#udkast-overskrift">Gå til udkastet</a>
<header class="top">
  <div class="top-inner">
    <p class="brand"><span class="brand-name">Bilagsassistent</span> <span class="brand-unit">Københavns Kommune · Beskæftigelses- og Integrationsforvaltningen</span></p>
    <p class="top-help">Find tidligere bilag, skriv vurderinger og tjek hvert beløb mod bevillingsdata.</p>
  </div>
</header>
<main class="workspace">

<section class="pane pane-chat" aria-labelledby="chat-overskrift">
  <div class="pane-head">
    <h2 id="chat-overskrift">Spørg materialet</h2>
    <button type="button" id="new-conversation" class="button button-quiet">Ny samtale</button>
  </div>
  <div id="chat-log" class="chat-log" role="log" aria-live="polite" aria-relevant="additions text" aria-label="Samtale">
    <div class="chat-intro" id="chat-intro">
      <p>Stil et spørgsmål om de udløbende bevillinger og budgetnotaterne. Svarene citerer de steder i materialet, de bygger på.</p>
      <p>Eksempel: <button type="button" class="link-button" data-example="Hvad besluttede vi om TechBBQ i 2023?">Hvad besluttede vi om TechBBQ i 2023?</button></p>
    </div>
  </div>
  <form id="chat-form" class="chat-form" novalidate>
    <label for="chat-input">Dit spørgsmål</label>
    <textarea id="chat-input" name="message" rows="3" maxlength="2000" aria-describedby="chat-hint" required></textarea>
    <p id="chat-hint" class="hint">Enter sender, Shift+Enter giver ny linje.</p>
    <div class="form-row">
      <button type="submit" id="chat-send" class="button button-primary">Send</button>
      <span id="chat-busy" class="busy" hidden>Svarer …</span>
    </div>
  </form>
</section>

<section class="pane pane-draft" aria-labelledby="udkast-overskrift">
  <div class="pane-head">
    <h2 id="udkast-overskrift" tabindex="-1">Udkast</h2>
  </div>
  <details id="draft-form-box" class="draft-form-box" open>
    <summary>Nyt udkast til faglig vurdering</summary>
    <form id="draft-form" class="draft-form" novalidate>
      <div class="field">
        <label for="draft-initiative">Initiativ</label>
        <select id="draft-initiative" name="initiativeId" required>
          <option value="">Indlæser initiativer …</option>
        </select>
      </div>
      <div class="field">
        <label for="draft-decision">Beslutning</label>
        <select id="draft-decision" name="decision" required>
          <option value="uændret">Videreføres uændret</option>
          <option value="med_justeringer">Videreføres med justeringer</option>
          <option value="ophører">Ophører</option>
          <option value="betinget">Videreføres på betingelser</option>
          <option value="afventer">Afventer afklaring</option>
        </select>
      </div>
      <div class="field">
        <label for="draft-notes">Noter til indholdet (valgfrit)</label>
        <textarea id="draft-notes" name="notes" rows="3" aria-describedby="draft-notes-hint"></textarea>
        <p id="draft-notes-hint" class="hint">Én pointe pr. linje. De kommer med i afsnittet "Indhold i justeret indsats".</p>
      </div>
      <div class="form-row">
        <button type="submit" id="draft-submit" class="button button-primary">Skriv udkast</button>
        <span id="draft-busy" class="busy" hidden>Skriver udkast …</span>
      </div>
      <p id="draft-form-error" class="form-error" role="alert" hidden></p>
    </form>
  </details>

  <details id="budget-form-box" class="draft-form-box">
    <summary>Nyt budgetnotat</summary>
    <form id="budget-form" class="draft-form" novalidate>
      <div class="field">
        <label for="budget-title">Titel</label>
        <input id="budget-title" name="title" type="text" required>
      </div>
      <div class="field">
        <label for="budget-purpose">Formål: hvad pengene skal bruges til</label>
        <textarea id="budget-purpose" name="purpose" rows="3" aria-describedby="budget-purpose-hint" required></textarea>
        <p id="budget-purpose-hint" class="hint">Én pointe pr. linje. De kommer med i afsnittene "Baggrund" og "Indhold".</p>
      </div>
      <fieldset class="field">
        <legend>Forventet effekt og opfølgning (valgfrit)</legend>
        <label for="budget-effect-target">Målgruppe</label>
        <input id="budget-effect-target" type="text">
        <label for="budget-effect-action">Indsats</label>
        <input id="budget-effect-action" type="text">
        <label for="budget-effect-goal">Målsætning</label>
        <input id="budget-effect-goal" type="text">
        <label for="budget-effect-followup">Opfølgning</label>
        <input id="budget-effect-followup" type="text">
      </fieldset>
      <div class="field">
        <label for="budget-price-level">Pris- og lønniveau (år)</label>
        <input id="budget-price-level" type="text" inputmode="numeric" placeholder="2027" required>
      </div>
      <div class="field">
        <label for="budget-committee">Udvalg</label>
        <input id="budget-committee" type="text" placeholder="BIU" required>
      </div>
      <div class="field">
        <label for="budget-appropriation">Bevilling</label>
        <input id="budget-appropriation" type="text" placeholder="35.10" required>
      </div>
      <div class="field">
        <label for="budget-first-year">Første budgetår</label>
        <input id="budget-first-year" type="text" inputmode="numeric" placeholder="2027" required>
      </div>
      <div class="field">
        <label for="budget-unit">Beløb i</label>
        <select id="budget-unit">
          <option value="1000000">mio. kr.</option>
          <option value="1">kr.</option>
        </select>
      </div>
      <fieldset class="field">
        <legend>Linjer</legend>
        <table class="budget-lines">
          <thead><tr><th scope="col">Aktivitet</th><th scope="col">Styringsområde</th><th scope="col">Modtager (valgfrit)</th><th scope="col" class="budget-year">År 1</th><th scope="col" class="budget-year">År 2</th><th scope="col" class="budget-year">År 3</th><th scope="col" class="budget-year">År 4</th></tr></thead>
          <tbody id="budget-lines"></tbody>
        </table>
        <button type="button" id="budget-add-line" class="button">Tilføj linje</button>
      </fieldset>
      <div class="form-row">
        <button type="submit" id="budget-submit" class="button button-primary">Skriv budgetnotat</button>
        <span id="budget-busy" class="busy" hidden>Skriver budgetnotat …</span>
      </div>
      <p id="budget-form-error" class="form-error" role="alert" hidden></p>
    </form>
  </details>

  <details id="drafts-box" class="draft-form-box">
    <summary>Udkast</summary>
    <div class="field">
      <label for="drafts-filter">Vis</label>
      <select id="drafts-filter">
        <option value="mine">Mine udkast</option>
        <option value="all">Alle udkast</option>
      </select>
    </div>
    <div id="drafts-list" class="drafts-list" aria-live="polite"></div>
  </details>
  <div id="draft-empty" class="empty">
    <p>Intet udkast endnu. Vælg et initiativ og en beslutning ovenfor, eller bed om et udkast i samtalen.</p>
  </div>

  <article id="draft-view" class="draft" aria-labelledby="draft-title" hidden>
    <header class="draft-head">
      <h3 id="draft-title"></h3>
      <p id="draft-meta" class="meta"></p>
    </header>
    <div id="draft-status" class="banner" role="status" aria-live="polite"></div>
    <div id="draft-text" class="draft-text" role="region" aria-label="Udkastets tekst med kontrollerede beløb" aria-describedby="draft-text-help"></div>
    <p id="draft-text-help" class="hint">Beløb markeret ✓ passer med bevillingen; ✗ passer ikke. Hold musen over eller gå til et beløb med Tab for at se begrundelsen.</p>
    <div id="draft-editor" class="draft-editor" hidden>
      <label for="draft-edit">Redigér teksten</label>
      <textarea id="draft-edit" rows="14" spellcheck="true"></textarea>
    </div>
    <div id="draft-issues" class="issues" hidden>
      <h4>Bemærkninger</h4>
      <ul id="draft-issue-list"></ul>
    </div>
    <div class="draft-actions">
      <div class="action-group">
        <button type="button" id="draft-edit-button" class="button">Redigér tekst</button>
        <button type="button" id="draft-check" class="button button-primary" hidden>Tjek tal</button>
        <button type="button" id="draft-cancel" class="button button-quiet" hidden>Fortryd ændringer</button>
      </div>
      <div class="action-group" role="group" aria-labelledby="export-label">
        <span class="export-label" id="export-label">Hent udkastet som</span>
        <a id="export-docx" class="button" href="#" download>Word (.docx)</a>
        <a id="export-md" class="button" href="#" download>Markdown (.md)</a>
      </div>
    </div>
    <p id="draft-error" class="form-error" role="alert" hidden></p>
    <details id="draft-versions-box" class="draft-versions">
      <summary>Versioner</summary>
      <ol id="draft-versions"></ol>
      <button type="button" id="draft-compare-button" class="button">Sammenlign valgte versioner</button>
      <div id="draft-compare" class="draft-compare" hidden>
        <div class="compare-column"><h4 id="compare-left-title"></h4><div id="compare-left" class="compare-text"></div></div>
        <div class="compare-column"><h4 id="compare-right-title"></h4><div id="compare-right" class="compare-text"></div></div>
      </div>
    </details>
  </article>
</section>

<section class="pane pane-side" aria-labelledby="side-overskrift">
  <h2 id="side-overskrift" class="visually-hidden">Kilder, søgning, kort, tidslinje og dokumenter</h2>
  <div class="tabs" role="tablist" aria-label="Opslag">
    <button type="button" role="tab" id="tab-sources" aria-controls="panel-sources" aria-selected="true">Kilder</button>
    <button type="button" role="tab" id="tab-search" aria-controls="panel-search" aria-selected="false" tabindex="-1">Søg</button>
    <button type="button" role="tab" id="tab-card" aria-controls="panel-card" aria-selected="false" tabindex="-1">Kort</button>
    <button type="button" role="tab" id="tab-timeline" aria-controls="panel-timeline" aria-selected="false" tabindex="-1">Tidslinje</button>
    <button type="button" role="tab" id="tab-documents" aria-controls="panel-documents" aria-selected="false" tabindex="-1">Dokumenter</button>
  </div>

  <div role="tabpanel" id="panel-sources" class="tab-panel" aria-labelledby="tab-sources" tabindex="0">
    <p id="sources-origin" class="meta">Kilderne til svar og udkast vises her.</p>
    <ol id="sources-list" class="sources"></ol>
  </div>

  <div role="tabpanel" id="panel-search" class="tab-panel" aria-labelledby="tab-search" tabindex="0" hidden>
    <form id="search-form" class="search-form" role="search" novalidate>
      <div class="field">
        <label for="search-query">Søg i bilag og budgetnotater</label>
        <input id="search-query" name="query" type="search" maxlength="2000" autocomplete="off">
      </div>
      <div class="field field-narrow">
        <label for="search-year">År</label>
        <select id="search-year" name="year">
          <option value="">Alle år</option>
          <option value="2026">2026</option>
          <option value="2025">2025</option>
          <option value="2024">2024</option>
          <option value="2023">2023</option>
        </select>
      </div>
      <div class="form-row">
        <button type="submit" class="button button-primary">Søg</button>
      </div>
    </form>
    <p id="search-status" class="meta" role="status" aria-live="polite"></p>
    <ol id="search-results" class="results"></ol>
  </div>

  <div role="tabpanel" id="panel-card" class="tab-panel" aria-labelledby="tab-card" tabindex="0" hidden>
    <div id="card-view">
      <p class="meta">Vælg "Vis kortet" ved en kilde eller et søgeresultat.</p>
    </div>
  </div>

  <div role="tabpanel" id="panel-timeline" class="tab-panel" aria-labelledby="tab-timeline" tabindex="0" hidden>
    <div class="field">
      <label for="timeline-initiative">Initiativ</label>
      <select id="timeline-initiative">
        <option value="">Vælg et initiativ</option>
      </select>
    </div>
    <p id="timeline-status" class="meta" role="status" aria-live="polite"></p>
    <div id="timeline-view"></div>
  </div>

  <div role="tabpanel" id="panel-documents" class="tab-panel" aria-labelledby="tab-documents" tabindex="0" hidden>
    <form id="upload-document-form" class="upload-form" novalidate aria-labelledby="upload-document-heading">
      <h3 id="upload-document-heading">Indlæs dokument</h3>
      <p class="hint" id="upload-document-hint">Et bilag eller budgetnotat som PDF, Word (.docx) eller tekst (.txt). Det kommer med i søgning og svar. Samme fil to gange giver "uændret".</p>
      <div class="field">
        <label for="upload-document-file">Vælg dokument</label>
        <input id="upload-document-file" name="file" type="file" accept=".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain" aria-describedby="upload-document-hint" required>
      </div>
      <div class="form-row">
        <button type="submit" id="upload-document-submit" class="button button-primary">Indlæs dokument</button>
      </div>
      <div id="upload-document-progress-box" class="upload-progress" hidden>
        <label for="upload-document-progress" id="upload-document-stage">Sender filen …</label>
        <progress id="upload-document-progress" max="1"></progress>
      </div>
      <div id="upload-document-status" class="upload-status" role="status" aria-live="polite"></div>
      <div id="upload-document-error" class="form-error" role="alert" hidden></div>
    </form>

    <form id="upload-allocations-form" class="upload-form" novalidate aria-labelledby="upload-allocations-heading">
      <h3 id="upload-allocations-heading">Indlæs bevillingsdata</h3>
      <p class="hint" id="upload-allocations-hint">Et regneark (.xlsx eller .csv) med én række pr. bevillingslinje: initiativ, område, modtager, prisniveau og én kolonne pr. år. Intet gemmes fra en fil med fejl.</p>
      <div class="field">
        <label for="upload-allocations-file">Vælg regneark</label>
        <input id="upload-allocations-file" name="file" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" aria-describedby="upload-allocations-hint" required>
      </div>
      <div class="form-row">
        <button type="submit" id="upload-allocations-submit" class="button button-primary">Indlæs bevillingsdata</button>
        <span id="upload-allocations-busy" class="busy" hidden>Indlæser …</span>
      </div>
      <div id="upload-allocations-status" class="upload-status" role="status" aria-live="polite"></div>
      <div id="upload-allocations-error" class="form-error" role="alert" hidden></div>
    </form>
  </div>
</section>

</main>
</body>
</html>
`;
