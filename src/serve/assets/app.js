// Conveniences only; every page works without this file.
// Changing an "as of" date submits its form, so the page follows the date at once.
document.querySelectorAll('form.asof input[type=date]').forEach(function (input) {
  input.addEventListener('change', function () {
    if (input.value) { input.form.submit(); }
  });
});
