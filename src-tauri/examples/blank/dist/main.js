// The blank window's one command call: the moment it succeeds is its "ready".
window.__TAURI_INTERNALS__.invoke("list_pilots").then((v) => {
  document.getElementById("status").textContent = String(v);
});
