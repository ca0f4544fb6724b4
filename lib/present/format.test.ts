import { describe, expect, it } from "vitest";
import {
  binaryAxisLabels,
  binaryLinearTicks,
  binaryLogAxis,
  decimalLinearTicks,
  formatBytes,
  formatGiB,
  formatLinkRate,
  formatMiB,
  formatRate,
  formatSeconds,
  formatSpeed,
  formatUptime,
  formatWhen,
  linkAxisLabels,
} from "./format";

describe("format", () => {
  it("shows sizes in binary units with Windows' letters, so 8,192 MB reads 8 GB", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(8192 * 1024 * 1024)).toBe("8 GB");
    expect(formatBytes(40_265_318)).toBe("38.4 MB");
    expect(formatBytes(1024 * 1024 * 1023.99)).toBe("1 GB");
    expect(formatRate(125_000_000)).toBe("119 MB/s");
  });
  it("shows simulated durations", () => {
    expect(formatSeconds(520)).toBe("0.52 s");
    expect(formatSeconds(12_400)).toBe("12.4 s");
    expect(formatSeconds(185_000)).toBe("3 min 5 s");
    // A duration a hair under a whole minute rounds into the next minute, not to "60 s".
    expect(formatSeconds(539_600)).toBe("9 min 0 s");
    expect(formatSeconds(179_501)).toBe("3 min 0 s");
    expect(formatSeconds(3_599_400)).toBe("59 min 59 s");
    expect(formatSeconds(6_404_000)).toBe("1 h 47 min");
    expect(formatSeconds(7_170_000)).toBe("2 h 0 min");
  });
  it("shows memory in MB, GB and TB", () => {
    expect(formatMiB(512)).toBe("512 MB");
    expect(formatMiB(4096)).toBe("4 GB");
    expect(formatMiB(1536)).toBe("1.5 GB");
    expect(formatMiB(262144)).toBe("256 GB");
    expect(formatMiB(2 * 1024 * 1024)).toBe("2 TB");
  });
  it("shows disk sizes and link speeds", () => {
    expect(formatGiB(1500)).toBe("1.46 TB");
    expect(formatGiB(127)).toBe("127 GB");
    expect(formatSpeed(25000)).toBe("25 Gbps");
    expect(formatSpeed(100)).toBe("100 Mbps");
  });
  it("shows uptime as d.hh:mm:ss and nothing for a VM that is not running", () => {
    const start = "2026-11-20T08:00:00Z";
    const now = Date.parse(start) + ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000;
    expect(formatUptime(start, now)).toBe("2.03:04:05");
    expect(formatUptime(start, Date.parse(start) + 59_000)).toBe("00:00:59");
    expect(formatUptime(null, now)).toBe("");
  });
  it("shows today's times without the date and earlier days without the time", () => {
    const now = new Date(2026, 10, 26, 15, 0, 0).getTime();
    expect(formatWhen(new Date(2026, 10, 26, 9, 5, 7).toISOString(), now)).toBe("9:05:07 AM");
    expect(formatWhen(new Date(2026, 10, 25, 23, 59, 0).toISOString(), now)).toBe("11/25/2026");
  });
});

describe("chart axes in binary units", () => {
  it("puts log ticks at powers of 4 so they read as round sizes", () => {
    const MiB = 1024 * 1024;
    const axis = binaryLogAxis(3 * MiB, 5 * 1024 * MiB);
    expect(axis.ticks.map(formatBytes)).toEqual([
      "1 MB",
      "4 MB",
      "16 MB",
      "64 MB",
      "256 MB",
      "1 GB",
      "4 GB",
      "16 GB",
    ]);
    expect(axis.floor).toBe(MiB);
    expect(axis.ceiling).toBe(16 * 1024 * MiB);
    expect(binaryLogAxis(1024, 64 * 1024 ** 3).ticks.map(formatBytes)).toEqual([
      "1 KB",
      "16 KB",
      "256 KB",
      "4 MB",
      "64 MB",
      "1 GB",
      "16 GB",
      "256 GB",
    ]);
  });
  it("puts linear ticks at a round binary step past the maximum", () => {
    expect(binaryLinearTicks(1.1 * 1024 ** 3).map(formatRate)).toEqual([
      "0 bytes/s",
      "512 MB/s",
      "1 GB/s",
      "1.5 GB/s",
    ]);
    expect(binaryLinearTicks(0)).toEqual([0]);
  });
  it("gives a network's rate in bits, as adapters are rated", () => {
    expect(formatLinkRate(3.125e9)).toBe("25 Gbps");
    expect(formatLinkRate(1.5625e9)).toBe("12.5 Gbps");
    expect(formatLinkRate(100e6)).toBe("800 Mbps");
    expect(formatLinkRate(0)).toBe("0 Mbps");
  });
  it("labels one axis in one unit, with a plain 0", () => {
    const ticks = binaryLinearTicks(1.1 * 1024 ** 3);
    expect(ticks.map(binaryAxisLabels(ticks, "/s"))).toEqual(["0", "0.5 GB/s", "1 GB/s", "1.5 GB/s"]);
    const small = binaryLinearTicks(300 * 1024 ** 2);
    expect(small.map(binaryAxisLabels(small))).toEqual(["0", "100 MB", "200 MB", "300 MB"]);
    expect([0, 512].map(binaryAxisLabels([0, 512]))).toEqual(["0", "512 bytes"]);
    const link = decimalLinearTicks(27.5e3).map((mbps) => (mbps * 1e6) / 8);
    expect(link.map(linkAxisLabels(link))).toEqual(["0", "10 Gbps", "20 Gbps", "30 Gbps"]);
    const slow = decimalLinearTicks(1100).map((mbps) => (mbps * 1e6) / 8);
    expect(slow.map(linkAxisLabels(slow))).toEqual(["0", "0.5 Gbps", "1 Gbps", "1.5 Gbps"]);
    const slower = decimalLinearTicks(330).map((mbps) => (mbps * 1e6) / 8);
    expect(slower.map(linkAxisLabels(slower))).toEqual(["0", "100 Mbps", "200 Mbps", "300 Mbps", "400 Mbps"]);
  });
  it("puts linear ticks at a round decimal step past the maximum", () => {
    // A 25 Gbps link with a tenth of headroom: 0, 10, 20, 30 Gbps, never "27.5" or "12".
    expect(decimalLinearTicks(27.5e3).map(formatSpeed)).toEqual(["0 Mbps", "10 Gbps", "20 Gbps", "30 Gbps"]);
    expect(decimalLinearTicks(1100)).toEqual([0, 500, 1000, 1500]);
    expect(decimalLinearTicks(0)).toEqual([0]);
  });
});
