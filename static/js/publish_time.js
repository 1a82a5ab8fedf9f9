// The video form: choosing Published with no publication time fills in now, in the
// server's time zone (as the admin's own "Now" does), so the editor sees the time the
// save would give it (videos/editorial/review_admin.py) and may change it first.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("id_status");
  const date = document.getElementById("id_published_at_0");
  const time = document.getElementById("id_published_at_1");
  if (!status || !date || !time) return;
  status.addEventListener("change", () => {
    if (status.value !== "published" || date.value || time.value) return;
    const offset = Number(document.body.dataset.adminUtcOffset || 0);
    const now = new Date(Date.now() + offset * 1000);
    const pad = (n) => String(n).padStart(2, "0");
    date.value = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
    time.value = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  });
});
