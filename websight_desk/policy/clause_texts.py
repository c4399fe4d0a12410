"""The words of the policy clauses: a title, the clause as the company states it, a reason.

English msgids marked with `N_()`; the Turkish is in i18n/tr.po. `Clause.title(lang)`,
`.text(lang)` and `.reason(lang)` render them in a chosen language. The policy file keeps only
data (verdicts, actions, rules); these sentences are translated like every other.
"""

from __future__ import annotations

from dataclasses import dataclass

from websight_desk.i18n import N_


@dataclass(frozen=True, slots=True)
class ClauseText:
    title: str
    text: str  # the clause in the company's words, for the side panel
    reason: str  # one sentence saying what the clause means for a ticket


CLAUSE_TEXTS: dict[str, ClauseText] = {
    "support.continuity": ClauseText(
        title=N_("Service continuity"),
        text=N_(
            "Websight supports the services it runs around the clock, every day of the year: "
            "sites, mail, DNS, FTP, control panel and databases that are down or failing, "
            "passwords, quotas, SSL and backups; for servers, an unreachable machine, network or "
            "hardware faults."
        ),
        reason=N_("A problem with a service Websight runs; it is supported."),
    ),
    "support.hours": ClauseText(
        title=N_("Support hours"),
        text=N_(
            "Support runs 24/7. From 09:00 to 18:00 Turkey time, weekdays and weekends alike, the "
            "regular team answers; outside those hours the on-call engineer does."
        ),
        reason=N_("The clock decides which team picks the ticket up."),
    ),
    "shared.reseller_end_customer": ClauseText(
        title=N_("Reseller's end customer"),
        text=N_(
            "We do not support the customers of our reseller-hosting customers; the reseller does."
            " If such a person contacts us through any channel, we tell them and the reseller whom"
            " to ask and how. Tickets through our web site are accepted only from the reseller "
            "account."
        ),
        reason=N_(
            "The requester is a reseller's customer: tell them and the reseller, and redirect them"
            " to the reseller."
        ),
    ),
    "shared.website_software": ClauseText(
        title=N_("Website software"),
        text=N_(
            "We do not support software problems inside customers' sites (their own PHP, "
            "JavaScript, CSS or SQL, custom modules, malware in their files). The expert on duty "
            "may still decide to help."
        ),
        reason=N_(
            "The problem is in the customer's own site code; out of scope, though the expert may "
            "help."
        ),
    ),
    "shared.website_syntax_fix": ClauseText(
        title=N_("Small syntax fix"),
        text=N_(
            "A mistake of a character or two in site code (a missing ;) or a syntax error may be "
            "fixed within this rule."
        ),
        reason=N_(
            "A syntax error of a character or two; it may be fixed at the expert's discretion."
        ),
    ),
    "shared.cms_install": ClauseText(
        title=N_("CMS installation"),
        text=N_(
            "Websight can install widely used content management systems such as WordPress, "
            "Joomla, Drupal, OpenCart, PrestaShop or Magento."
        ),
        reason=N_("The customer asks for a widely used CMS to be installed; this is supported."),
    ),
    "shared.cms_themes_plugins": ClauseText(
        title=N_("Themes and plugins"),
        text=N_("Installing themes and plugins, and their settings, is the customer's job."),
        reason=N_(
            "Installing and configuring themes and plugins is the customer's job; out of scope."
        ),
    ),
    "shared.cms_limits": ClauseText(
        title=N_("System requirements and limits"),
        text=N_(
            "If a theme or plugin cannot be installed because of system requirements or account "
            "limits (memory, upload size, execution time, PHP version, a missing extension), the "
            "team investigates and finds a solution."
        ),
        reason=N_(
            "The installation hits a system requirement or account limit; investigate and solve it."
        ),
    ),
    "shared.email_client_setup": ClauseText(
        title=N_("Mail client setup"),
        text=N_(
            "Setting up a mail account on a computer, tablet or phone is the customer's job. The "
            "team must send the article with the correct settings and steps, and may help further "
            "on its own initiative."
        ),
        reason=N_(
            "Setting up mail on a device is the customer's job; the setup article must be sent."
        ),
    ),
    "server.delivery": ClauseText(
        title=N_("Server delivery"),
        text=N_(
            "For VPS, VDS, cloud and dedicated servers, support covers setting the service up, "
            "migrating the customer's sites if any, and tuning the server before delivery."
        ),
        reason=N_("The server is not delivered yet: setup, migration and tuning are covered."),
    ),
    "server.post_delivery": ClauseText(
        title=N_("Server administration after delivery"),
        text=N_(
            "After delivery there is no administrative support: services, software, custom "
            "configuration and add-ons on the server are the customer's responsibility. To have "
            "the team administer it, the customer buys an SLA or moves to a managed service. The "
            "expert may still decide to help."
        ),
        reason=N_(
            "Administration inside a delivered server is the customer's job; offer an SLA or a "
            "managed service."
        ),
    ),
    "server.sla_managed": ClauseText(
        title=N_("SLA / managed server"),
        text=N_(
            "For customers with an SLA or a managed service, the team does the server "
            "administration."
        ),
        reason=N_(
            "The customer has an SLA or a managed service; server administration is covered."
        ),
    ),
    "other.phone_callback": ClauseText(
        title=N_("Phone callback"),
        text=N_(
            "When ticket correspondence is hard to follow, the team may phone the customer, within"
            " KVKK (Turkey's personal-data law), to communicate better."
        ),
        reason=N_(
            "The correspondence looks hard to follow: a phone call within KVKK is suggested."
        ),
    ),
    "other.abuse_termination": ClauseText(
        title=N_("Insults and swearing"),
        text=N_(
            "If a customer insults or swears at the team in a ticket or on the phone, the team may"
            " end the ticket or call and stop serving that customer permanently."
        ),
        reason=N_("Insults or swearing detected (a suggestion; people decide):"),
    ),
}
