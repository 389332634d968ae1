// The octogen playground's only script; every page also works without it.
"use strict";

// An image that cannot load (offline, a dead host) becomes the neat placeholder. Registered
// in the capture phase before the body is parsed, so no error event is missed.
document.addEventListener("error", function (event) {
  var image = event.target;
  if (!(image instanceof HTMLImageElement)) return;
  var placeholder = document.createElement("span");
  placeholder.className = "no-image";
  placeholder.setAttribute("role", "img");
  placeholder.setAttribute("aria-label", "No image: " + (image.alt || "product"));
  image.replaceWith(placeholder);
}, true);

// The sidebar's settings apply at once: changing the scenario submits the form.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field instanceof HTMLSelectElement && field.form && field.form.hasAttribute("data-autosubmit")) {
    field.form.requestSubmit();
  }
});
