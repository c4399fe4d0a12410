"""Words and symbols of the policy panel: verdicts, actions, shifts (translated when shown)."""

from __future__ import annotations

from websight_desk.i18n import N_
from websight_desk.policy.model import Action, Shift, Verdict

# (symbol, label): the symbol and the word carry the verdict; the colours (tint and ink of
# each verdict, light and dark) are the theme's (resources/theme.toml) and only help.
VERDICT = {
    Verdict.IN_SCOPE: ("✔", N_("In scope")),
    Verdict.OUT_OF_SCOPE: ("⊘", N_("Out of scope")),
    Verdict.REDIRECT: ("↪", N_("Redirect")),
}
VERDICT_HINT = {
    Verdict.IN_SCOPE: N_("Websight supports this; handle it."),
    Verdict.OUT_OF_SCOPE: N_("Not covered by support; explain politely what we can do."),
    Verdict.REDIRECT: N_("The requester should be helped by whoever sold the service."),
}
ACTION = {
    Action.SEND_SETUP_ARTICLE: N_("Send the mail setup article"),
    Action.INFORM_RESELLER_AND_REQUESTER: N_("Tell the requester and the reseller whom to ask"),
    Action.OFFER_SLA_OR_MANAGED: N_("Offer an SLA or a managed service"),
    Action.INVESTIGATE_LIMITS: N_("Check the account limits (memory, upload size, PHP)"),
    Action.OFFER_PHONE_CALLBACK: N_("Offer a phone call"),
    Action.CONSIDER_TERMINATION: N_("Consider ending the conversation (abuse)"),
}
SHIFT = {Shift.REGULAR: N_("Regular team"), Shift.ON_CALL: N_("On-call team")}
