// drafter serve: add and remove target rows, and show refused requests (htmx ignores 4xx/5xx replies).
document.addEventListener("click", function (event) {
  const add = event.target.closest(".add-row");
  if (add) {
    const template = document.getElementById(add.dataset.template);
    const into = document.getElementById(add.dataset.into);
    const row = template.content.firstElementChild.cloneNode(true);
    into.appendChild(row);
    row.querySelector("input").focus();
    return;
  }
  const remove = event.target.closest(".remove-row");
  if (remove) {
    remove.closest(".target-row").remove();
  }
});

document.addEventListener("htmx:responseError", function (event) {
  const box = document.getElementById("request-error");
  box.textContent = event.detail.xhr.responseText || "操作失败，请重试";
  box.hidden = false;
});

document.addEventListener("htmx:sendError", function () {
  const box = document.getElementById("request-error");
  box.textContent = "连不上 drafter 网页服务：它可能已经停止，请重新运行 drafter serve";
  box.hidden = false;
});

document.addEventListener("htmx:beforeRequest", function () {
  document.getElementById("request-error").hidden = true;
});

// File pickers in Chinese: the native button speaks the browser's language, ours always says 选择文件.
document.addEventListener("change", function (event) {
  const input = event.target;
  if (!input.matches || !input.matches("input[type=file]")) return;
  const shown = document.querySelector('.file-name[data-for="' + input.id + '"]');
  if (shown) {
    const names = Array.from(input.files).map(function (f) { return f.name; });
    shown.textContent = names.length ? names.join("、") : "未选择文件";
  }
});

// A preview drawn on the right means the form was accepted: the red notes of the last attempt are stale.
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target.id !== "result") return;
  document.querySelectorAll("#draft .error").forEach(function (n) { n.remove(); });
  document.querySelectorAll("#draft .invalid").forEach(function (n) { n.classList.remove("invalid"); });
  document.querySelectorAll("#draft [aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
});
