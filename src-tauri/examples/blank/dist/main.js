// The blank window's one command call: the moment it succeeds is its "ready".
window.__TAURI_INTERNALS__.invoke("database_location").then((v) => {
  document.getElementById("status").textContent = String(v);
});
