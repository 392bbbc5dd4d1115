// The page's loader as a file, so that no inline script is needed and the
// Content-Security-Policy needs no hash. Used when Trunk.toml has
//   [build] pattern_script = "<script type=\"module\" src=\"{base}boot.js\"></script>"
// (Trunk's own loader is an inline script naming the build's hashed files).
// It imports the wasm-bindgen module and starts the wasm that Trunk's
// preload links name; their integrity attributes still apply.
const js = document.querySelector('link[rel="modulepreload"]');
const wasm = document.querySelector('link[rel="preload"][as="fetch"]');
// The Chinese chunk, fetched early where the app will ask for it (README,
// "Size with the Chinese wording on demand"); the rule of src/wording/lang.rs.
const chinese = document.querySelector('meta[name="siw-chinese"]');
if (chinese) {
  const speaks = (tag) => {
    const primary = (tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
    return primary === 'zh' || primary === 'en' ? primary : null;
  };
  let stored = null;
  try {
    stored = localStorage.getItem('secondary-ip-wizard.lang');
  } catch {}
  const lang =
    speaks(new URLSearchParams(location.search).get('lang')) ??
    speaks(stored) ??
    (navigator.languages ?? [navigator.language]).map(speaks).find(Boolean);
  if (lang === 'zh') {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = new URL(chinese.content, js.href).href;
    document.head.append(link);
  }
}
const { default: init } = await import(js.href);
await init({ module_or_path: wasm.href });
