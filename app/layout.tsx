import type { Metadata } from "next";
import { headers } from "next/headers";
import Script from "next/script";
import { TopBar } from "@/components/shell/top-bar";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Live Migration Lab", template: "%s - Live Migration Lab" },
  description: "Learn, rehearse and demonstrate Hyper-V live migration.",
};

// Applies the saved theme before the first paint, so a dark page never flashes white.
const themeScript = `try{var t=localStorage.getItem("lml-theme");if(t==="dark"||t==="light")document.documentElement.dataset.theme=t}catch(e){}`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic: the CSP nonce (proxy.ts) is new per request.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" data-theme="light" suppressHydrationWarning>
      <body className="flex h-screen flex-col overflow-hidden">
        <Script id="lml-theme" strategy="beforeInteractive" nonce={nonce}>
          {themeScript}
        </Script>
        <Providers>
          <TopBar />
          <div className="min-h-0 flex-1">{children}</div>
        </Providers>
      </body>
    </html>
  );
}
