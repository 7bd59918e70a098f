import "./globals.css";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Shell } from "../src/components/Shell";
import { SessionProvider } from "../src/lib/session";

// The API address is read from the server's environment on every request (not inlined at build
// time): `starboard start` runs the same build against whatever STARBOARD_GRAPHQL_URL it chose.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Starboard", description: "Contact-center supervision" };

export default function RootLayout({ children }: { children: ReactNode }) {
  const apiUrl = process.env.STARBOARD_GRAPHQL_URL ?? "http://localhost:4000/graphql";
  return (
    <html lang="en">
      <body>
        <SessionProvider apiUrl={apiUrl}>
          <Shell>{children}</Shell>
        </SessionProvider>
      </body>
    </html>
  );
}
