// Follows a report that is being made in the background, so that the page need not be
// reloaded by hand (the "Bekijk de voortgang opnieuw" link does that without this script).
// It asks how far the report is every two seconds; the stage's name changes in the status
// region only when the stage changes, so a screen reader is told of each step once. When
// the report is ready the region offers the link to it; when making it failed, the page is
// reloaded to show the error and the button to try again.
(function () {
  "use strict";
  var region = document.querySelector("[data-export-progress]");
  if (!region || !window.fetch) {
    return;
  }
  var bar = region.querySelector("progress");
  var stage = region.querySelector("[data-stage]");
  var current = region.getAttribute("data-current-stage");

  function finish() {
    var text = document.createElement("p");
    text.textContent = region.getAttribute("data-ready-text") + " ";
    var link = document.createElement("a");
    link.href = region.getAttribute("data-link");
    link.textContent = region.getAttribute("data-link-text");
    text.appendChild(link);
    region.replaceChildren(text);
    var reload = document.querySelector("[data-reload]");
    if (reload) {
      reload.remove();
    }
  }

  function poll() {
    fetch(region.getAttribute("data-export-progress"), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (progress) {
      if (!progress) {
        window.setTimeout(poll, 5000);
        return;
      }
      if (progress.status === "done") {
        finish();
        return;
      }
      if (progress.status === "failed" || progress.status === "none") {
        window.location.reload();
        return;
      }
      bar.value = progress.progress;
      bar.textContent = progress.progress + "%";
      if (progress.stage !== current) {
        current = progress.stage;
        stage.textContent = progress.label;
        document.querySelectorAll("[data-step]").forEach(function (step) {
          if (step.getAttribute("data-step") === current) {
            step.setAttribute("aria-current", "step");
          } else {
            step.removeAttribute("aria-current");
          }
        });
      }
      window.setTimeout(poll, 2000);
    }).catch(function () {
      window.setTimeout(poll, 5000);
    });
  }

  window.setTimeout(poll, 2000);
}());
