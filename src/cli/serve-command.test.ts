import { describe, expect, it } from "vitest";
import { serveCommand } from "./serve-command.js";

describe("docket serve's settings", () => {
  const usage = (message: string) => new Error(message);

  it.each([
    ["http://127.0.0.1:4000/api/", "DOCKET_SLACK_API_URL must be an https:// URL"],
    ["https://169.254.169.254/api/", "DOCKET_SLACK_API_URL points at 169.254.169.254, the cloud metadata address"],
  ])("refuses a Slack API at %s unless local targets are allowed", async (url, message) => {
    await expect(serveCommand({}, { DOCKET_SLACK_API_URL: url }, usage)).rejects.toThrow(message);
  });
});
