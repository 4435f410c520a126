// Vexil dashboard: follows /dashboard/events (Server-Sent Events, cookie-authenticated) and updates the page in place.
// The overview updates the changed cell from the event itself; other pages fetch themselves again and swap the parts
// marked data-live, leaving forms a person may be typing in untouched.
(function () {
  "use strict";
  var url = document.body.getAttribute("data-events");
  if (!url || !window.EventSource) {
    return;
  }

  var overview = document.getElementById("overview");
  var columns = {};
  function readColumns() {
    columns = {};
    overview.querySelectorAll("thead th[data-env]").forEach(function (th) {
      columns[th.getAttribute("data-env")] = th.cellIndex;
    });
  }
  if (overview) {
    readColumns();
  }

  var flagPage = document.querySelector("[data-flag-page]");
  var refreshing = null;

  function refresh() {
    // One refetch at a time; changes that arrive meanwhile are covered by the next one.
    if (refreshing) {
      refreshing.again = true;
      return;
    }
    refreshing = { again: false };
    fetch(window.location.pathname + window.location.search, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (part) {
          var replacement = fresh.querySelector('[data-live="' + part.getAttribute("data-live") + '"]');
          if (replacement && !part.contains(document.activeElement)) {
            part.replaceWith(document.importNode(replacement, true));
          }
        });
        if (overview) {
          // The matrix was swapped: follow the new table.
          overview = document.getElementById("overview");
          readColumns();
        }
      })
      .catch(function () { /* the next change tries again */ })
      .finally(function () {
        var again = refreshing.again;
        refreshing = null;
        if (again) {
          refresh();
        }
      });
  }

  function onChange(event) {
    var change = JSON.parse(event.data);
    if (overview) {
      var row = overview.querySelector('tr[data-flag="' + CSS.escape(change.flag) + '"]');
      var column = columns[change.environment];
      if (row && column !== undefined) {
        var cell = row.cells[column];
        cell.textContent = change.text;
        cell.className = "s-" + change.state + " flash";
      } else if (!row && column !== undefined) {
        // A flag the page has no row for (stored for the first time): fetch the overview again, with its filters,
        // rather than guess where the row goes and what the filters say of it.
        refresh();
      }
      return;
    }
    if (!flagPage || flagPage.getAttribute("data-flag-page") === change.flag) {
      refresh();
    }
  }

  var source = new EventSource(url);
  // Marks the page as following the changes (tests wait for it; the stylesheet could show it).
  source.addEventListener("open", function () { document.body.setAttribute("data-live-connected", "true"); });
  source.addEventListener("error", function () { document.body.removeAttribute("data-live-connected"); });
  source.addEventListener("change", onChange);
  source.addEventListener("reset", function () {
    if (overview) {
      window.location.reload();
    } else {
      refresh();
    }
  });
})();
