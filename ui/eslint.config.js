// ESLint for the UI: TypeScript and Svelte 5, plus the rules that keep the tiers apart.
// `npm run check` runs it with --max-warnings 0. No recommended rule is switched off: the
// recommended sets hold for Svelte 5 runes as they are.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";
import svelteConfig from "./svelte.config.js";

export default defineConfig(
  // bindings.ts and labels.generated.ts are generated from Rust.
  { ignores: ["dist/", "node_modules/", "src/lib/bindings.ts", "src/lib/labels.generated.ts"] },
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: [".svelte"],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ["*.config.js", "*.config.ts"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      // Invariant (ARCHITECTURE.md): text from proposals is data. Markup from a string is how
      // text from a record could become script: never.
      "svelte/no-at-html-tags": "error",
    },
  },
  {
    // Building blocks: no commands, no core types or their labels, no domain components, no screens.
    files: ["src/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)lib/(bindings|ipc|labels|labels\\.generated)(\\.ts)?$",
              message:
                "components/ holds building blocks: pass data in as props; commands and core types belong in a domain folder or a view.",
            },
            {
              // Anything outside components/ but lib/ is a domain folder (proposal/, review/, ...) or a view.
              regex: "^\\.\\./(?!lib/)",
              message:
                "components/ holds building blocks with no domain imports; move this component to its domain folder.",
            },
          ],
        },
      ],
    },
  },
);
