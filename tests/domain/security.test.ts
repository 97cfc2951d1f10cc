// The rules behind issue 13: safe redirects, the client's address, device cookies, the secret
// answer's count, download names, the attachment mail.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { MAX_WRONG_ANSWERS } from "@/lib/accounts/mail-tokens";
import { resendActivation } from "@/lib/accounts/activation";
import { RECOVERY_LINK_NOT_USABLE, completeRecovery, requestRecovery } from "@/lib/accounts/recovery";
import { ACCOUNT_THROTTLE, DEVICE_THROTTLE, authenticate } from "@/lib/auth/sessions";
import { ConfigError, parseConfig, resetConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { attachmentDisposition, safeFileName } from "@/lib/refunds/file-names";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { isLoopback, parseTrustedProxies, resolveClientAddress } from "@/lib/security/client-address";
import { issueDeviceCookie, verifyDeviceCookie } from "@/lib/security/device-cookie";
import { verifySecret } from "@/lib/security/password-hash";
import { cancelAttachmentRequest, requestAttachment, requestAttachmentBySiret } from "@/lib/structures/attachments";
import { SAMPLE_FIXTURES } from "@/scripts/sirene/generator";
import { ANSWER, GOOD_PASSWORD, META, activeUser, actorFor, lastTokenMailedTo, mailsTo, pendingUser } from "../support/accounts";
import { importSample } from "../support/directory";
import { managerWithStructure } from "../support/structures";

describe("redirect after sign-in", () => {
  it("keeps paths of this site", () => {
    expect(safeRedirectPath("/accueil")).toBe("/accueil");
    expect(safeRedirectPath("/gestionnaire/structures/3?onglet=membres#liste")).toBe("/gestionnaire/structures/3?onglet=membres#liste");
    expect(safeRedirectPath("/mon-compte/../accueil")).toBe("/accueil");
    expect(safeRedirectPath("/%09/evil.example")).toBe("/%09/evil.example");
  });

  it.each([
    "/\t/127.0.0.1:4399/pwned",
    decodeURIComponent("%2F%09%2F127.0.0.1%3A4399%2Fpwned"),
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u0000/evil.example",
    "/ /evil.example",
    "/\u00a0/evil.example",
    "/\u202e/evil.example",
    "/\u2028/evil.example",
    "//evil.example",
    "//evil.example/accueil",
    "/\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "accueil",
    "",
    " /accueil",
    "\t/accueil",
    "/accueil\u0085",
    "x".repeat(3000),
  ])("refuses %j", (target) => {
    expect(safeRedirectPath(target)).toBe("/accueil");
  });

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 42, ["/accueil"], { toString: () => "/accueil" }]) {
      expect(safeRedirectPath(value, "/ailleurs")).toBe("/ailleurs");
    }
  });
});

describe("the client's address", () => {
  const none = parseTrustedProxies(undefined);

  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("198.51.100.4", "1.2.3.4", none)).toBe("198.51.100.4");
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.9, 8.8.8.8", none)).toBe("127.0.0.1");
    expect(resolveClientAddress("::1", null, none)).toBe("::1");
    expect(resolveClientAddress(null, "8.8.8.8", none)).toBeNull();
    expect(resolveClientAddress("pas une adresse", "8.8.8.8", none)).toBeNull();
  });

  it("behind trusted proxies, is the right-most entry that is not one of them", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.10, fd00::/8");
    // The proxy (10.0.0.2) appended the real client (203.0.113.9); what the client wrote is to its left.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", trusted)).toBe("203.0.113.9");
    // Two trusted hops.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 192.0.2.10", trusted)).toBe("203.0.113.9");
    expect(resolveClientAddress("fd00::5", "2001:db8::7", trusted)).toBe("2001:db8::7");
    // A peer that is not a trusted proxy: its header is ignored.
    expect(resolveClientAddress("198.51.100.4", "203.0.113.9", trusted)).toBe("198.51.100.4");
    // A trusted proxy without the header, or with garbage: stop at what is known.
    expect(resolveClientAddress("10.0.0.2", null, trusted)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9, n'importe quoi", trusted)).toBe("10.0.0.2");
  });

  it("knows loopback addresses", () => {
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "[::1]"]) expect(isLoopback(address)).toBe(true);
    for (const address of ["192.0.2.2", "10.0.0.1", "::", "0.0.0.0", "localhost", "", null, "fd00::2"])
      expect(isLoopback(address)).toBe(false);
  });

  it("is configured by TRUSTED_PROXIES and HOST, validated", () => {
    const secret = "s".repeat(40);
    expect(parseConfig({ AUTH_SECRET: secret })).toMatchObject({ host: "127.0.0.1" });
    expect(parseConfig({ AUTH_SECRET: secret }).trustedProxies.size).toBe(0);
    expect(parseConfig({ AUTH_SECRET: secret, HOST: "0.0.0.0", TRUSTED_PROXIES: "10.0.0.1,172.16.0.0/12" })).toMatchObject({
      host: "0.0.0.0",
    });
    expect(() => parseConfig({ AUTH_SECRET: secret, TRUSTED_PROXIES: "proxy.example" })).toThrow(ConfigError);
    expect(() => parseConfig({ AUTH_SECRET: secret, TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseConfig({ AUTH_SECRET: secret, HOST: "tout le monde" })).toThrow(/HOST/);
    expect(() => parseConfig({ AUTH_SECRET: secret, HOST: "-x" })).toThrow(/HOST/);
    expect(parseConfig({ AUTH_SECRET: secret, HOST: "serveur-1.exemple.fr" })).toMatchObject({ host: "serveur-1.exemple.fr" });
  });
});

describe("device cookies", () => {
  const login = "claire.durand@exemple.fr";

  it("are genuine only for their login, unaltered, and for 180 days", () => {
    const now = new Date();
    const cookie = issueDeviceCookie(login, now);
    expect(verifyDeviceCookie(cookie, login, now)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verifyDeviceCookie(cookie, "autre@exemple.fr", now)).toBeNull();
    expect(verifyDeviceCookie(cookie, login, new Date(now.getTime() + 181 * 86_400_000))).toBeNull();
    const [version, , nonce, issued, mac] = cookie.split(".");
    const forged = [version, Buffer.from("autre@exemple.fr").toString("base64url"), nonce, issued, mac].join(".");
    expect(verifyDeviceCookie(forged, "autre@exemple.fr", now)).toBeNull();
    expect(verifyDeviceCookie(cookie.slice(0, -2) + (cookie.endsWith("AA") ? "BB" : "AA"), login, now)).toBeNull();
    expect(verifyDeviceCookie(`${cookie}.x`, login, now)).toBeNull();
    expect(verifyDeviceCookie("", login, now)).toBeNull();
    expect(verifyDeviceCookie(null, login, now)).toBeNull();
  });

  it("are signed with AUTH_SECRET: another secret does not accept them", () => {
    const cookie = issueDeviceCookie(login);
    const previous = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "un-autre-secret-de-plus-de-trente-deux-caracteres";
    resetConfig();
    try {
      expect(verifyDeviceCookie(cookie, login)).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.AUTH_SECRET;
      else process.env.AUTH_SECRET = previous;
      resetConfig();
    }
  });

  it("let their owner in while strangers have locked the account and the address; strangers stay locked", async () => {
    const user = await activeUser();
    const first = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META);
    if (!first.ok) throw new Error("sign-in should succeed");
    const t0 = Date.now();
    // The attacker, from the owner's own address, locks the account.
    let at = t0;
    for (let i = 0; i < ACCOUNT_THROTTLE.lockAfter; i++) {
      at += 70_000; // past each growing delay: a refused attempt is not counted
      await authenticate({ loginEmail: user.loginEmail, password: "mauvais" }, META, new Date(at));
    }
    const stranger = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META, new Date(at + 1000));
    expect(stranger).toMatchObject({ ok: false, reason: "throttled" });

    const owner = await authenticate(
      { loginEmail: user.loginEmail, password: GOOD_PASSWORD },
      { ...META, deviceCookie: first.deviceCookie },
      new Date(at + 2000),
    );
    expect(owner.ok).toBe(true);
    // The owner's success does not lift the lock for everyone else.
    const strangerAgain = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META, new Date(at + 3000));
    expect(strangerAgain).toMatchObject({ ok: false, reason: "throttled" });
    // Someone else's cookie does not help.
    const other = await activeUser();
    const otherCookie = await authenticate({ loginEmail: other.loginEmail, password: GOOD_PASSWORD }, { ip: "198.51.100.8" });
    if (!otherCookie.ok) throw new Error("sign-in should succeed");
    const borrowed = await authenticate(
      { loginEmail: user.loginEmail, password: GOOD_PASSWORD },
      { ...META, deviceCookie: otherCookie.deviceCookie },
      new Date(at + 4000),
    );
    expect(borrowed).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("fail on their own counter, and lock themselves when they fail too often", async () => {
    const user = await activeUser();
    const first = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, META);
    if (!first.ok) throw new Error("sign-in should succeed");
    const withCookie = { ...META, deviceCookie: first.deviceCookie };
    let at = Date.now();
    for (let i = 0; i < DEVICE_THROTTLE.lockAfter; i++) {
      at += 70_000;
      expect(await authenticate({ loginEmail: user.loginEmail, password: "mauvais" }, withCookie, new Date(at))).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const locked = await authenticate({ loginEmail: user.loginEmail, password: GOOD_PASSWORD }, withCookie, new Date(at + 1000));
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    // Its failures were its own: the account itself was not locked by them.
    const elsewhere = await authenticate(
      { loginEmail: user.loginEmail, password: GOOD_PASSWORD },
      { ip: "198.51.100.9" },
      new Date(at + 2000),
    );
    expect(elsewhere.ok).toBe(true);
  });
});

describe("the secret answer's count", () => {
  const NEW_PASSWORD = "Le merle chante sous la grange";

  it("is taken before each answer is checked: answers sent at once get five tries, not more", async () => {
    const user = await activeUser();
    requestRecovery(user.loginEmail, META);
    const token = lastTokenMailedTo(user.loginEmail, "mot-de-passe-oublie");
    const attempt = (secretAnswer: string) =>
      completeRecovery({ token, secretAnswer, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }, META);
    // Five wrong answers and, sent with them, the right one as the sixth.
    const answers = await Promise.all([
      ...Array.from({ length: MAX_WRONG_ANSWERS }, (_, i) => attempt(`Ville ${i}`)),
      attempt(ANSWER),
      attempt("Ville 7"),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(0);
    expect(answers[MAX_WRONG_ANSWERS]).toEqual({ ok: false, formError: RECOVERY_LINK_NOT_USABLE });
    expect(getDb().select().from(auditEvents).where(eq(auditEvents.action, "account.recovery_wrong_answer")).all()).toHaveLength(
      MAX_WRONG_ANSWERS,
    );
    const stored = getDb().select().from(users).where(eq(users.id, user.id)).get()!;
    expect(await verifySecret(stored.passwordHash, GOOD_PASSWORD)).toBe(true);
  });

  it("still lets the fifth answer be the right one", async () => {
    const user = await activeUser();
    requestRecovery(user.loginEmail, META);
    const token = lastTokenMailedTo(user.loginEmail, "mot-de-passe-oublie");
    const attempt = (secretAnswer: string) =>
      completeRecovery({ token, secretAnswer, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }, META);
    for (let i = 1; i < MAX_WRONG_ANSWERS; i++) expect((await attempt("Paris")).ok).toBe(false);
    expect(await attempt(ANSWER)).toEqual({ ok: true, data: undefined });
  });
});

describe("known and unknown addresses", () => {
  it("get their answer before any work is done: recovery and « Renvoyer le lien » do it afterwards", async () => {
    const active = await activeUser();
    const pending = pendingUser();
    const queued: (() => void)[] = [];
    const later = (work: () => void) => void queued.push(work);
    const sentBefore = mailsTo(pending).length;
    const answers = [
      requestRecovery(active.loginEmail, META, new Date(), later),
      requestRecovery("inconnu@exemple.fr", META, new Date(), later),
      resendActivation(pending, META, new Date(), later),
      resendActivation("inconnu@exemple.fr", META, new Date(), later),
    ];
    expect(answers.every((answer) => answer.ok)).toBe(true);
    // Nothing written yet for the known addresses: both paths did the same work before answering.
    expect(mailsTo(active.loginEmail).filter((m) => m.template === "password-recovery")).toHaveLength(0);
    expect(mailsTo(pending)).toHaveLength(sentBefore);
    expect(queued).toHaveLength(4);
    for (const work of queued) work();
    expect(mailsTo(active.loginEmail).filter((m) => m.template === "password-recovery")).toHaveLength(1);
    expect(mailsTo(pending)).toHaveLength(sentBefore + 1);
  });
});

describe("download names", () => {
  it("lose bidirectional overrides, controls and path characters", () => {
    expect(safeFileName("facture\u202Efdp.exe")).toBe("facturefdp.exe");
    for (const mark of [
      "\u202A",
      "\u202B",
      "\u202C",
      "\u202D",
      "\u202E",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
      "\u200E",
      "\u200F",
      "\u061C",
      "\u200B",
      "\uFEFF",
      "\u0000",
      "\u001B",
      "\u009B",
    ]) {
      expect(safeFileName(`rib${mark}.pdf`)).toBe("rib.pdf");
    }
    // Line breaks of any kind become one space.
    expect(safeFileName("rib\u2028\u0085\r\n.pdf")).toBe("rib .pdf");
    expect(safeFileName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeFileName('a"b\\c\r\nd.pdf')).toBe("a_b_c d.pdf");
    expect(safeFileName("\u202E")).toBe("document");
    expect(safeFileName("Facture n° 12 — été.pdf")).toBe("Facture n° 12 — été.pdf");
  });

  it("give a Content-Disposition with nothing a browser would reorder or split", () => {
    const header = attachmentDisposition("facture\u202Efdp.exe\r\nX-Test: 1\u2067.pdf");
    expect(header).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(header).not.toMatch(/%E2%80%AE|%E2%81%A7/i);
    expect(header).toBe(`attachment; filename="facturefdp.exe X-Test_ 1.pdf"; filename*=UTF-8''facturefdp.exe%20X-Test_%201.pdf`);
    expect(attachmentDisposition("relevé été.pdf")).toBe(
      `attachment; filename="releve ete.pdf"; filename*=UTF-8''relev%C3%A9%20%C3%A9t%C3%A9.pdf`,
    );
  });
});

describe("attachment requests and the manager's mail", () => {
  beforeEach(async () => {
    await importSample();
  });

  it("request, cancel, request again: the manager is mailed once a day per requester and structure", async () => {
    const { user: manager, structureId } = await managerWithStructure();
    const requester = await actorFor(await activeUser());
    for (let i = 0; i < 4; i++) {
      const requested = requestAttachment(requester, structureId, META);
      if (!requested.ok) throw new Error(JSON.stringify(requested));
      expect(cancelAttachmentRequest(requester, requested.data.attachmentId, META).ok).toBe(true);
    }
    expect(mailsTo(manager.contactEmail).filter((m) => m.template === "attachment-requested")).toHaveLength(1);
    // Another requester is another mail; the next day, another one too.
    const other = await actorFor(await activeUser());
    expect(requestAttachment(other, structureId, META).ok).toBe(true);
    const tomorrow = new Date(Date.now() + 25 * 3_600_000);
    expect(requestAttachment(requester, structureId, META, tomorrow).ok).toBe(true);
    expect(mailsTo(manager.contactEmail).filter((m) => m.template === "attachment-requested")).toHaveLength(3);
  });

  it("are made by SIRET, and do not name the manager", async () => {
    await managerWithStructure();
    const requester = await actorFor(await activeUser());
    const done = requestAttachmentBySiret(requester, SAMPLE_FIXTURES.gaec.siret, META);
    expect(done).toMatchObject({ ok: true, message: "Votre demande est envoyée au gestionnaire principal de la structure." });
    expect(requestAttachmentBySiret(requester, "73282932000074", META)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/Aucune structure/),
    });
  });
});
