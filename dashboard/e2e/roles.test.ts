import { roleMatrix } from "@starboard/graphql";
import { describe, expect, it } from "vitest";
import { uiRoleMatrix } from "../src/lib/roles";

// The dashboard hides what the API would refuse; its copy of the role matrix must match the API's
// for every entry point it uses.

describe("the dashboard's role matrix", () => {
  it("agrees with graphql/src/auth/role-matrix.ts for every entry point it names", () => {
    for (const [entry, roles] of Object.entries(uiRoleMatrix)) {
      expect(roleMatrix[entry], entry).toBeDefined();
      expect([...roles].sort(), entry).toEqual([...(roleMatrix[entry] ?? [])].sort());
    }
  });
});
