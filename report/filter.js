// Filters of the document view and sorting of tables. They read the page's
// own attributes: data-o (category), data-g and data-p (gold and predicted
// type) and data-c (change since the old run) on marks, data-doc on
// documents, data-v (a cell's number) in sortable tables.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var docs = document.getElementById("docs");
  var shown = document.getElementById("shown");

  // picked returns the values of the checked boxes named name, or null when
  // the form has no such boxes.
  function picked(name) {
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    if (boxes.length === 0) {
      return null;
    }
    var set = {};
    boxes.forEach(function (b) {
      if (b.checked) {
        set[b.value] = true;
      }
    });
    return set;
  }

  function apply() {
    var outcomes = picked("o"), types = picked("t"), changes = picked("c");
    var query = form.elements.doc.value.trim().toLowerCase();
    var only = form.elements.only.checked;
    var on = 0, all = 0;
    docs.querySelectorAll("section.doc").forEach(function (doc) {
      var visible = 0;
      doc.querySelectorAll("mark").forEach(function (m) {
        var d = m.dataset;
        var ok = outcomes[d.o] && (types[d.g] || types[d.p]) && (!changes || changes[d.c || "unchanged"]);
        m.classList.toggle("off", !ok);
        if (!m.classList.contains("cont")) {
          all++;
          if (ok) {
            visible++;
          }
        }
      });
      var hide = (query !== "" && doc.dataset.doc.toLowerCase().indexOf(query) < 0) || (only && visible === 0);
      doc.hidden = hide;
      if (!hide) {
        on += visible;
      }
    });
    shown.textContent = on + " of " + all + " marks shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });

  // Sortable tables: a click (or Enter) on a column head sorts the rows by
  // that column, ascending first, by data-v where a cell has it, else by
  // number or text.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[col];
          var v = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
          var n = Number(v);
          return v !== "" && !isNaN(n) ? n : v;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (typeof x === "number" && typeof y === "number") {
            return dir * (x - y);
          }
          return dir * String(x).localeCompare(String(y));
        });
        rows.forEach(function (r) {
          body.appendChild(r);
        });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          sort();
        }
      });
    });
  });
})();
