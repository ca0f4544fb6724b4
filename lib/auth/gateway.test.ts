import { describe, expect, it } from "vitest";
import { crossSiteRefusal, gatewayConfig, isLoopbackHost, requestFacts, signInRequired } from "./gateway";

const local = gatewayConfig({});
const open = gatewayConfig({ LAB_HOST: "0.0.0.0" });
const headers = (h: Record<string, string>) => new Headers(h);
// What Next adds to a request that came straight from a browser on this machine.
const direct = {
  host: "localhost:3000",
  "x-forwarded-for": "127.0.0.1",
  "x-forwarded-host": "localhost:3000",
};

describe("gatewayConfig", () => {
  it("listens on 127.0.0.1 with no sign-in and no control API by default", () => {
    expect(local).toEqual({ host: "127.0.0.1", authOn: false, controlApi: false });
    expect(gatewayConfig({ LAB_AUTH: "on", LAB_CONTROL_API: "1" })).toMatchObject({
      authOn: true,
      controlApi: true,
    });
  });
  it("names the variable when a value is bad", () => {
    expect(() => gatewayConfig({ LAB_AUTH: "maybe" })).toThrow(/LAB_AUTH must be on or off/);
    expect(() => gatewayConfig({ LAB_HOST: "a b" })).toThrow(/LAB_HOST/);
  });
});

describe("requestFacts", () => {
  it("treats a direct request to a loopback lab as local, with its Host allowed", () => {
    const facts = requestFacts(headers(direct), "http://localhost:3000/api/vms", local);
    expect(facts).toEqual({
      local: true,
      hostAllowed: true,
      address: "127.0.0.1",
      secure: false,
      origin: "http://localhost:3000",
    });
    expect(signInRequired(facts, local)).toBe(false);
    expect(signInRequired(facts, { ...local, authOn: true })).toBe(true);
  });
  it("refuses a Host that is not a local name on a loopback lab (DNS rebinding)", () => {
    const facts = requestFacts(
      headers({ ...direct, host: "evil.example:3000", "x-forwarded-host": "evil.example:3000" }),
      "http://evil.example:3000/",
      local,
    );
    expect(facts.hostAllowed).toBe(false);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("127.0.0.2")).toBe(true);
    expect(isLoopbackHost("10.0.0.1")).toBe(false);
  });
  it("treats a request through a reverse proxy as coming from the network", () => {
    const proxies: Record<string, string>[] = [
      { forwarded: "for=203.0.113.9" },
      { "x-real-ip": "203.0.113.9" },
      { "x-forwarded-for": "203.0.113.9" },
      { "x-forwarded-host": "lab.example.com", "x-forwarded-proto": "https" },
    ];
    for (const proxy of proxies) {
      const facts = requestFacts(headers({ ...direct, ...proxy }), "http://localhost:3000/", local);
      expect(facts.local).toBe(false);
      expect(signInRequired(facts, local)).toBe(true);
    }
    const tls = requestFacts(
      headers({
        ...direct,
        "x-forwarded-host": "lab.example.com",
        "x-forwarded-proto": "https",
        "x-forwarded-for": "203.0.113.9, 10.0.0.2",
      }),
      "http://localhost:3000/",
      local,
    );
    expect(tls).toMatchObject({ secure: true, origin: "https://lab.example.com", address: "203.0.113.9" });
  });
  it("needs sign-in for every request on a network address", () => {
    const facts = requestFacts(
      headers({ host: "lab:3000", "x-forwarded-for": "192.168.1.20", "x-forwarded-host": "lab:3000" }),
      "http://lab:3000/",
      open,
    );
    expect(facts).toMatchObject({ local: false, hostAllowed: true, address: "192.168.1.20" });
    expect(signInRequired(facts, open)).toBe(true);
  });
});

describe("crossSiteRefusal", () => {
  const facts = requestFacts(headers(direct), "http://localhost:3000/", local);
  const refusal = (method: string, h: Record<string, string>) => crossSiteRefusal(method, headers(h), facts);
  it("refuses the text/plain cross-origin move an HTML form or no-cors fetch can send", () => {
    expect(refusal("POST", { "content-type": "text/plain", origin: "http://evil.example" })).toMatch(/JSON/);
    expect(refusal("POST", { "content-type": "application/x-www-form-urlencoded" })).toMatch(/JSON/);
  });
  it("refuses JSON from another origin or site", () => {
    expect(refusal("POST", { "content-type": "application/json", origin: "http://evil.example" })).toMatch(
      /evil\.example/,
    );
    expect(refusal("DELETE", { "sec-fetch-site": "cross-site" })).toMatch(/cross-site/);
    expect(refusal("PATCH", { "sec-fetch-site": "same-site", "content-type": "application/json" })).toMatch(
      /same-site/,
    );
  });
  it("passes the lab's own pages, clients that send neither header, bodiless posts and reads", () => {
    expect(
      refusal("POST", {
        "content-type": "application/json; charset=utf-8",
        origin: "http://localhost:3000",
        "sec-fetch-site": "same-origin",
      }),
    ).toBeNull();
    expect(refusal("POST", { "content-type": "application/json" })).toBeNull();
    expect(refusal("POST", {})).toBeNull();
    expect(refusal("GET", { origin: "http://evil.example" })).toBeNull();
  });
});
