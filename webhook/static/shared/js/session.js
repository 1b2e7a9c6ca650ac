// Signing in and out of a staff page (/quan-ly/, /tong-dai/), the same on each: the sign-in form, the account
// bar, and the end of a session (signed out, token expired, or refused by the server), which brings the form
// back with the reason. The page says what to set up for the signed-in account and what to clear on leaving.
//
// The page has #sign-in-view (with #sign-in-form, #sign-in-alert, #sign-in-notice, #username), #app-view,
// #account (with #who and #sign-out) and #subtitle.
import { api, hasToken, onSessionEnd, profile, signIn, signOut, tokenExpiry } from "./api.js";
import { byId, say } from "./dom.js";
import { COMMON_TEXT as TEXT } from "./text.js";

// setUp(me): prepares the page for the account from /api/auth/me (may throw an ApiError);
// shown(): runs once the page is visible (loads its data); clear(): forgets the page's state on sign-out;
// landing(): the element to focus after signing in with the form.
export const startSession = ({ setUp, shown = () => {}, clear = () => {}, landing }) => {
  const signInView = byId("sign-in-view");
  const signInForm = byId("sign-in-form");
  const appView = byId("app-view");
  const account = byId("account");
  let expiryTimer = null;

  const showSignIn = ({ alert = "", notice = "" } = {}) => {
    clearTimeout(expiryTimer);
    clear();
    appView.hidden = true;
    account.hidden = true;
    signInView.hidden = false;
    say(byId("sign-in-alert"), alert);
    say(byId("sign-in-notice"), notice);
    byId("username").focus();
  };

  // Signs out when the token runs out, rather than at the next click.
  const scheduleExpiry = () => {
    clearTimeout(expiryTimer);
    const expiresAt = tokenExpiry();
    if (expiresAt === null) return;
    expiryTimer = setTimeout(() => {
      signOut();
      showSignIn({ alert: TEXT.expired });
    }, Math.max(0, expiresAt - Date.now()));
  };

  const start = async () => {
    try {
      const me = await api("auth/me");
      await setUp(me);
      byId("who").textContent = `${me.full_name} · ${TEXT.roles[me.role] || me.role}`;
      signInView.hidden = true;
      appView.hidden = false;
      account.hidden = false;
      scheduleExpiry();
      shown();
      return true;
    } catch (error) {
      if (error.status !== 401) showSignIn({ alert: error.message });
      return false;
    }
  };

  signInForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = signInForm.querySelector("button[type=submit]");
    button.disabled = true;
    say(byId("sign-in-alert"));
    say(byId("sign-in-notice"));
    try {
      await signIn(signInForm.elements.username.value.trim(), signInForm.elements.password.value);
      signInForm.reset();
      if (await start()) landing().focus();
    } catch (error) {
      say(byId("sign-in-alert"), error.message);
      signInForm.elements.password.select();
    } finally {
      button.disabled = false;
    }
  });

  byId("sign-out").addEventListener("click", () => {
    signOut();
    showSignIn({ notice: TEXT.signedOut });
  });

  onSessionEnd((message) => showSignIn({ alert: message }));

  profile()
    .then(({ province }) => {
      byId("subtitle").textContent = TEXT.subtitle(province);
    })
    .catch(() => {}); // the subtitle keeps its generic text

  if (hasToken()) start();
  else showSignIn();
};
