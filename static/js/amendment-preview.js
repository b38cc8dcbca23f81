// Live preview of an amendment while it is typed. Without this script the form's
// "Wijziging bekijken" button shows the same preview; the script only saves the click.
// It posts the form as that button would, takes the preview section from the answer and
// puts it in a polite live region, so a screen reader hears the change once typing pauses.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-preview]");
  var region = document.getElementById("voorbeeld");
  if (!form || !region || !window.fetch || !window.DOMParser) {
    return;
  }
  var text = form.querySelector("textarea[name=text]");
  var timer = null;
  var sent = 0;

  function refresh() {
    var number = ++sent;
    var data = new FormData(form);
    data.set("action", "preview");
    fetch(form.getAttribute("action") || window.location.pathname, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      if (number !== sent) {
        return; // a newer request is under way
      }
      var page = new DOMParser().parseFromString(html, "text/html");
      var fresh = page.getElementById("voorbeeld");
      if (!fresh) {
        return;
      }
      region.replaceChildren.apply(region, Array.prototype.map.call(
        fresh.childNodes, function (node) { return document.importNode(node, true); }));
    }).catch(function () { /* the button still works */ });
  }

  text.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  });
})();
