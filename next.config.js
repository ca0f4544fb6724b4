/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  // Each build writes to its own folder when asked, so the e2e server never fights `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
