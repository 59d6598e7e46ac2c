/* Our additions to Django's admin, loaded on every admin page by templates/admin/base_site.html.

   The admin's autocomplete (Select2) names its box only by the choice shown in it, so an empty
   box has no name at all for a screen reader. Each box is given the name of the field it stands
   for: its label, or the name a tabular row's field carries (councils/admin_inlines.py). Boxes
   appear when the page loads and whenever "Add another" adds a row, so new ones are watched for. */
(function () {
  "use strict";

  function fieldName(select) {
    var named = select.getAttribute("aria-label");
    if (named) return named;
    if (!select.id) return "";
    var label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      if (!box || !box.classList.contains("select2")) return;
      var name = fieldName(select);
      if (!name) return;
      box.querySelectorAll('[role="combobox"], [role="textbox"]').forEach(function (part) {
        if (part.getAttribute("aria-label") === name) return;
        part.removeAttribute("aria-labelledby");
        part.setAttribute("aria-label", name);
      });
    });
  }

  function start() {
    nameBoxes();
    new MutationObserver(nameBoxes).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
