import type { CompressionInput, LinkInput, Transport } from "./types";

/**
 * Transport constants (Hyper-V's "Performance options"), calibrated in calibration.test.ts against
 * the published figures (docs/hyperv.md): 512 MB VM in 7 s on 1 GbE / 5 s on 10 GbE, 10 VMs in 40 s and 20 in 80 s
 * on 1 GbE, and the TechEd demo (TCP/IP over 60 s, Compression about 15 s, SMB Direct under 10 s).
 */

/** TCP/IP payload per wire byte on one stream: "about 94 % of line rate" (Ethernet+IP+TCP headers on a 1500-byte MTU). */
export const TCPIP_EFFICIENCY = 0.94;
/** SMB Direct: RDMA framing only, "near line rate" (docs/hyperv.md, performance options). */
export const SMB_DIRECT_EFFICIENCY = 0.97;
/** SMB 3 without RDMA runs over TCP, so it pays TCP's headers, but on every NIC (Multichannel). */
export const SMB_TCP_EFFICIENCY = TCPIP_EFFICIENCY;
/** "about 2x typical" (docs/hyperv.md); the 1 GbE figures (10 x 512 MB in 40 s) need > 1.07x to fit at all. */
export const DEFAULT_COMPRESSION_RATIO = 2;
/**
 * Spare CPU for compression, memory bytes per second: ~4 cores at ~450 MB/s each (LZ-class). Chosen so the
 * TechEd 10 GbE move takes ~15 s: on 10 GbE the CPU, not the wire, limits Compression.
 */
export const DEFAULT_COMPRESSION_CPU_BYTES_PER_SECOND = 1.8e9;
/** CPU cores busy per GB/s of memory sent (the old "1 Hz per bit/s" rule, eased by offloads). */
export const CPU_CORES_PER_GBPS: Record<Transport, number> = {
  raw: 0,
  tcpip: 1,
  compression: 2.5,
  smb: 0.8,
};
/** SMB Direct offloads the copy to the RDMA NIC: "near-zero CPU". */
export const SMB_DIRECT_CORES_PER_GBPS = 0.05;

export interface TransportModel {
  /** Wire bytes per memory byte, before noise. */
  wirePerByte: number;
  /** Upper bound of this flow's wire rate (bytes/s) given the link's current capacity. */
  wireCap: (linkBytesPerSecond: number) => number;
  coresPerBytePerSecond: number;
}

export function transportModel(
  transport: Transport,
  link: LinkInput,
  compression: CompressionInput | undefined,
): TransportModel {
  const nics = Math.max(1, link.nics ?? 1);
  const rdma = link.rdma ?? true;
  switch (transport) {
    case "raw":
      return { wirePerByte: 1, wireCap: (c) => c, coresPerBytePerSecond: 0 };
    case "tcpip":
      // One TCP connection rides one NIC.
      return {
        wirePerByte: 1 / TCPIP_EFFICIENCY,
        wireCap: (c) => c / nics,
        coresPerBytePerSecond: CPU_CORES_PER_GBPS.tcpip / 1e9,
      };
    case "compression": {
      const ratio = compression?.ratio ?? DEFAULT_COMPRESSION_RATIO;
      const cpu = compression?.cpuBytesPerSecond ?? DEFAULT_COMPRESSION_CPU_BYTES_PER_SECOND;
      const wirePerByte = 1 / (ratio * TCPIP_EFFICIENCY);
      return {
        wirePerByte,
        wireCap: (c) => Math.min(c / nics, cpu * wirePerByte),
        coresPerBytePerSecond: CPU_CORES_PER_GBPS.compression / 1e9,
      };
    }
    case "smb":
      return {
        wirePerByte: 1 / (rdma ? SMB_DIRECT_EFFICIENCY : SMB_TCP_EFFICIENCY),
        wireCap: (c) => c,
        coresPerBytePerSecond: (rdma ? SMB_DIRECT_CORES_PER_GBPS : CPU_CORES_PER_GBPS.smb) / 1e9,
      };
  }
}

/**
 * How a disk copy travels: as the transport's stream without compression (disk blocks are sent
 * as they are: lab choice), so TCP/IP's headers and one-NIC cap still apply, SMB uses every NIC.
 */
export function copyModel(transport: Transport, link: LinkInput): TransportModel {
  return transportModel(transport === "compression" ? "tcpip" : transport, link, undefined);
}

/**
 * How long an established TCP connection keeps retransmitting into a dead link before Windows gives
 * up (WSAETIMEDOUT, 0x8007274C): TcpMaxDataRetransmissions is 5 by default and the interval doubles
 * each time (Microsoft's TCP/IP registry reference). From a 300 ms first interval (Windows' minimum
 * retransmission timeout on a LAN; the starting value is a lab choice) that is
 * 0.3 + 0.6 + 1.2 + 2.4 + 4.8 s of retransmissions plus 9.6 s waiting for the last: 18.9 s.
 */
export const TCP_TIMEOUT_MS = 300 * (1 + 2 + 4 + 8 + 16 + 32);
