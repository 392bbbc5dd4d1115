// The page's loader as a file, so that no inline script is needed and the
// Content-Security-Policy needs no hash. Used when Trunk.toml has
//   [build] pattern_script = "<script type=\"module\" src=\"{base}boot.js\"></script>"
// (Trunk's own loader is an inline script naming the build's hashed files).
// It imports the wasm-bindgen module and starts the wasm that Trunk's
// preload links name; their integrity attributes still apply.
const js = document.querySelector('link[rel="modulepreload"]');
const wasm = document.querySelector('link[rel="preload"][as="fetch"]');
const { default: init } = await import(js.href);
await init({ module_or_path: wasm.href });
