import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** Office reports its theme as colours; a dark body background means the dark Fluent theme. */
export function pickTheme(bodyBackgroundColor?: string): Theme {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bodyBackgroundColor ?? "");
  if (!m) return webLightTheme;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? webDarkTheme : webLightTheme;
}
