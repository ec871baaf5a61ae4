import { writeDarkPalette } from "./scripts/dark-palette.mjs";

// app/globals.css imports the generated dark palette: write it (when missing or stale) before Next compiles
writeDarkPalette();

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // the native database drivers stay outside the server bundle
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "nodemailer",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@peculiar/x509",
    "reflect-metadata",
  ],
  experimental: {
    // forbidden() and unauthorized() from next/navigation
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
