// The demo page names the province this backend is set up for.
fetch("../api/profile")
  .then((response) => (response.ok ? response.json() : null))
  .then((profile) => {
    if (!profile) return;
    for (const name of document.querySelectorAll(".province-name")) name.textContent = profile.province;
  })
  .catch(() => {});
