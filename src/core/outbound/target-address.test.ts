import { describe, expect, it } from "vitest";
import { addressProblem, isIpAddress, targetUrlProblem } from "./target-address.js";

describe("addressProblem", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.0.9", "a loopback address"],
    ["10.0.0.5", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.169.254", "the cloud metadata address"],
    ["169.254.10.1", "a link-local address"],
    ["100.100.100.200", "a shared (carrier-grade NAT) address"],
    ["0.0.0.0", "a 'this network' address"],
    ["255.255.255.255", "the broadcast address"],
    ["224.0.0.1", "a multicast address"],
    ["::", "the unspecified address"],
    ["::1", "a loopback address"],
    ["[::1]", "a loopback address"],
    ["0:0:0:0:0:0:0:1", "a loopback address"],
    ["fe80::1%eth0", "a link-local address"],
    ["fd00:ec2::254", "a private (unique local) address"],
    ["fc00::1", "a private (unique local) address"],
    ["ff02::1", "a multicast address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["::ffff:169.254.169.254", "the cloud metadata address"],
    ["::ffff:a9fe:a9fe", "the cloud metadata address"],
    ["::10.0.0.5", "a private address"],
    ["64:ff9b::a00:5", "a private address"],
    ["2002:a9fe:a9fe::1", "the cloud metadata address"],
    ["example.com", "not an IP address"],
    ["1.2.3", "not an IP address"],
    ["256.1.1.1", "not an IP address"],
    ["1::2::3", "not an IP address"],
  ])("%s is %s", (address, problem) => {
    expect(addressProblem(address)).toBe(problem);
  });

  it.each([
    "8.8.8.8",
    "172.32.0.1",
    "192.169.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "2002:808:808::",
  ])("%s is public", (address) => {
    expect(addressProblem(address)).toBeNull();
  });

  it("tells IP addresses from names", () => {
    expect(isIpAddress("10.0.0.5")).toBe(true);
    expect(isIpAddress("::1")).toBe(true);
    expect(isIpAddress("hooks.example.com")).toBe(false);
  });
});

describe("targetUrlProblem", () => {
  it.each([
    ["https://hooks.example.com/in?token=x", false, null],
    ["https://8.8.8.8/in", false, null],
    ["http://hooks.example.com/in", false, "must be an https:// URL"],
    ["http://169.254.169.254/latest/meta-data/", false, "must be an https:// URL"],
    ["https://169.254.169.254/latest/meta-data/", false, "points at 169.254.169.254, the cloud metadata address"],
    ["https://10.0.0.5:8080", false, "points at 10.0.0.5, a private address"],
    ["https://0x7f.1/", false, "points at 127.0.0.1, a loopback address"],
    ["https://2130706433/", false, "points at 127.0.0.1, a loopback address"],
    ["https://[::ffff:127.0.0.1]/", false, "points at ::ffff:7f00:1, a loopback address"],
    ["https://[fe80::1]/", false, "points at fe80::1, a link-local address"],
    ["https://localhost:3000/", false, "points at localhost, a loopback address"],
    ["https://api.localhost/", false, "points at api.localhost, a loopback address"],
    ["https://user:pass@hooks.example.com/", false, "must not carry a user name or password"],
    ["ftp://hooks.example.com/", false, "must be an https:// URL"],
    ["not a url", false, "is not a valid URL"],
    // The development setting lets http and local addresses through, nothing else.
    ["http://127.0.0.1:4000/hook", true, null],
    ["https://10.0.0.5", true, null],
    ["ftp://127.0.0.1/", true, "must be an http(s):// URL"],
  ])("%s (allow local: %s)", (url, allowLocal, problem) => {
    expect(targetUrlProblem(url, allowLocal)).toBe(problem);
  });
});
