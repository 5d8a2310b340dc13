// argmap page: select a claim in the diagram or in the text and see it in the other.
// Contract (the tests rely on it): every claim node and every marked passage carries
// data-claim="ID"; the selected claim's node and passages carry data-selected="true".
(function () {
  "use strict";
  var claims = JSON.parse(document.getElementById("argmap-claims").textContent);
  var details = document.getElementById("details");
  var selected = null;

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }
  function withClaim(id) {
    return all("[data-claim]").filter(function (el) { return el.getAttribute("data-claim") === id; });
  }
  function showSource(article) {
    all("article.source").forEach(function (a) { a.hidden = a !== article; });
    all("[role=tab]").forEach(function (tab) {
      tab.setAttribute("aria-selected", String(tab.getAttribute("aria-controls") === article.id));
    });
  }
  function describe(id) {
    var claim = claims[id];
    details.textContent = "";
    if (!claim) { return; }
    var head = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = id;
    head.appendChild(strong);
    head.appendChild(document.createTextNode(" · " + claim.kind + (claim.group ? " · " + claim.group : "")));
    details.appendChild(head);
    var text = document.createElement("p");
    text.textContent = claim.text;
    details.appendChild(text);
    if (claim.evaluation) {
      var verdict = document.createElement("p");
      verdict.className = "evaluation";
      verdict.textContent = claim.evaluation.label + ": " + claim.evaluation.explanation;
      details.appendChild(verdict);
    }
    if (!claim.quoted) {
      var none = document.createElement("p");
      none.className = "muted";
      none.textContent = "Not quoted from a source (implicit, or added by a student).";
      details.appendChild(none);
    }
  }
  function select(id, from) {
    all("[data-selected]").forEach(function (el) { el.removeAttribute("data-selected"); });
    selected = id;
    var found = withClaim(id);
    found.forEach(function (el) { el.setAttribute("data-selected", "true"); });
    describe(id);
    var target = null;
    if (from === "diagram") {
      target = found.filter(function (el) { return el.tagName.toLowerCase() === "mark"; })[0] || null;
      if (target) { showSource(target.closest("article.source")); }
    } else {
      target = found.filter(function (el) { return el.classList.contains("node"); })[0] || null;
    }
    if (target) { target.scrollIntoView({ block: "center", inline: "center" }); }
  }
  function claimOf(event) {
    var el = event.target.closest ? event.target.closest("[data-claim], [data-goto]") : null;
    if (!el) { return null; }
    if (el.hasAttribute("data-goto")) { return [el.getAttribute("data-goto"), "link"]; }
    return [el.getAttribute("data-claim"), el.tagName.toLowerCase() === "mark" ? "text" : "diagram"];
  }
  document.addEventListener("click", function (event) {
    var found = claimOf(event);
    if (found) { event.preventDefault(); select(found[0], found[1]); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var found = claimOf(event);
    if (found) { event.preventDefault(); select(found[0], found[1]); }
  });
  all("[role=tab]").forEach(function (tab) {
    tab.addEventListener("click", function () {
      showSource(document.getElementById(tab.getAttribute("aria-controls")));
    });
  });
  all("a[data-group]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var group = document.getElementById("group-" + link.getAttribute("data-group"));
      if (group) { event.preventDefault(); group.scrollIntoView({ block: "start", inline: "center" }); }
    });
  });
  var svg = document.querySelector("#diagram svg");
  var natural = svg ? parseFloat(svg.getAttribute("data-width")) : 0;
  function zoom(factor) {
    if (!svg) { return; }
    svg.style.width = factor === 0 ? "100%" : Math.round(natural * factor) + "px";
  }
  all("button[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () { zoom(parseFloat(button.getAttribute("data-zoom"))); });
  });
  var first = all("article.source")[0];
  if (first) { showSource(first); }
  var thesis = document.querySelector("#diagram .node.thesis");
  if (thesis) { thesis.scrollIntoView({ block: "start", inline: "center" }); }
}());
