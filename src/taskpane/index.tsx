import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Text, webLightTheme } from "@fluentui/react-components";

// Placeholder entry of the task pane: the app replaces <Placeholder /> below.
function Placeholder(): React.JSX.Element {
  return (
    <div style={{ padding: 16 }}>
      <Text as="h1" size={500} weight="semibold">
        K-Means for Excel
      </Text>
    </div>
  );
}

const container = document.getElementById("container");
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Placeholder />
    </FluentProvider>,
  );
}
