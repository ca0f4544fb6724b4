import type { Metadata } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import Script from "next/script";
import { TopBar } from "@/components/shell/top-bar";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Live Migration Lab", template: "%s - Live Migration Lab" },
  description: "Learn, rehearse and demonstrate Hyper-V live migration.",
};

// The lab ships its text face (Noto Sans, from the npm registry), used where Segoe UI is missing:
// every Linux machine then draws the same glyphs, so screenshots of two runs are the same bytes.
const noto = localFont({
  src: [
    { path: "../node_modules/@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2", weight: "400" },
    { path: "../node_modules/@fontsource/noto-sans/files/noto-sans-latin-600-normal.woff2", weight: "600" },
    { path: "../node_modules/@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2", weight: "700" },
  ],
  variable: "--font-shipped",
  display: "block",
});

// Applies the saved theme before the first paint, so a dark page never flashes white.
const themeScript = `try{var t=localStorage.getItem("lml-theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic: the CSP nonce (proxy.ts) is new per request.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" data-theme="light" className={noto.variable} suppressHydrationWarning>
      <body className="flex h-screen flex-col overflow-hidden">
        <Script id="lml-theme" strategy="beforeInteractive" nonce={nonce}>
          {themeScript}
        </Script>
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:absolute focus:top-1 focus:left-1 focus:z-50 focus:bg-surface focus:px-3 focus:py-2 focus:text-fg"
        >
          Skip to main content
        </a>
        <Providers>
          <TopBar />
          <div id="main-content" tabIndex={-1} className="min-h-0 flex-1 focus:outline-none">
            {children}
          </div>
        </Providers>
      </body>
    </html>
  );
}
