/**
 * Well-known disposable ("throwaway", "10 minute") email providers and the alias domains they receive mail
 * on, as collected by the public disposable-domain blocklists. The guard also matches every subdomain of an
 * entry. Extend it per tenant without a code change through the BLOCKED_EMAIL_DOMAINS secret; add here only
 * providers that are disposable for everyone (a new entry blocks sign-ups on every tenant).
 *
 * Kept as one sorted, whitespace-separated block rather than an array of 500 one-line strings.
 */
const LIST = `
0-mail.com 0815.ru 0clickemail.com 0wnd.net 0wnd.org 10mail.org 10minutemail.co.uk 10minutemail.com
10minutemail.de 10minutemail.net 10minutesmail.com 1secmail.com 1secmail.net 1secmail.org 20minutemail.com
20minutemail.it 2prong.com 30minutemail.com 33mail.com 4warding.com 4warding.net 4warding.org
60minutemail.com 675hosting.com 675hosting.net 675hosting.org 6url.com 75hosting.com 7tags.com 9ox.net
a-bc.net afrobacon.com agedmail.com ajaxapp.net amilegit.com anonbox.net anonymbox.com antichef.com
antichef.net antispam.de armyspy.com beefmilk.com binkmail.com bio-muesli.net bobmail.info bofthew.com
brefmail.com bsnow.net bugmenot.com bumpymail.com burnermail.io byom.de casualdx.com chammy.info
chogmail.com choicemail1.com clrmail.com cool.fr.nf courriel.fr.nf courrieltemporaire.com crazymailing.com
curryworld.de cust.in cuvox.de dacoolest.com dandikmail.com dayrep.com deadaddress.com deadspam.com
despam.it despammed.com devnullmail.com dfgh.net digitalsanctuary.com discard.email discardmail.com
discardmail.de disposableaddress.com disposableemailaddresses.com disposableinbox.com dispose.it
disposeamail.com disposemail.com dispostable.com dodgeit.com dodgit.com dodgit.org donemail.ru dontreg.com
dontsendmespam.de drdrb.com drdrb.net dropmail.me dump-email.info dumpandjunk.com dumpmail.de
dumpyemail.com e4ward.com einrot.com email60.com emaildienst.de emailfake.com emailias.com emailigo.de
emailinfive.com emailmiser.com emailondeck.com emailsensei.com emailtemporario.com.br emailthe.net
emailtmp.com emailwarden.com emailxfer.com emeil.in emeil.ir emz.net enterto.com ephemail.net etranquil.com
etranquil.net etranquil.org explodemail.com fakeinbox.com fakeinformation.com fakemail.fr fakemail.net
fakemailgenerator.com filzmail.com fizmail.com fleckens.hu frapmail.com friendlymail.co.uk fudgerub.com
garliclife.com get1mail.com get2mail.fr getairmail.com getmails.eu getnada.com getonemail.com
getonemail.net ghosttexter.de gishpuppy.com great-host.in greensloth.com grr.la guerillamail.biz
guerillamail.com guerillamail.net guerillamail.org guerrillamail.biz guerrillamail.com guerrillamail.de
guerrillamail.info guerrillamail.net guerrillamail.org guerrillamailblock.com gustr.com h8s.org
haltospam.com harakirimail.com hatespam.org herp.in hidemail.de hidzz.com hmamail.com hochsitze.com
hulapla.de ieatspam.eu ieatspam.info ihateyoualot.info imails.info inboxalias.com inboxclean.com
inboxclean.org inboxkitten.com incognitomail.com incognitomail.net incognitomail.org insorg-mail.info
ipoo.org irish2me.com jetable.com jetable.fr.nf jetable.net jetable.org jnxjn.com jourrapide.com junk1e.com
kasmail.com kaspop.com keepmymail.com killmail.com killmail.net klassmaster.com klassmaster.net klzlk.com
koszmail.pl kulturbetrieb.info kurzepost.de letthemeatspam.com lhsdv.com litedrop.com lookugly.com
lortemail.dk lr78.com lroid.com m4ilweb.info maboard.com mail-temporaire.fr mail2rss.org mail333.com
mail4trash.com mailbidon.com mailcatch.com maildrop.cc maildx.com maileater.com mailexpire.com
mailforspam.com mailfreeonline.com mailimate.com mailin8r.com mailinater.com mailinator.com mailinator.net
mailinator.org mailinator2.com mailincubator.com mailismagic.com mailme.lv mailme24.com mailmetrash.com
mailmoat.com mailnator.com mailnesia.com mailnull.com mailpoof.com mailsac.com mailscrap.com mailshell.com
mailsiphon.com mailslapping.com mailslite.com mailtemp.info mailtothis.com mailzilla.com mailzilla.org
makemetheking.com manybrain.com mbx.cc meinspamschutz.de meltmail.com messagebeamer.de mierdamail.com
mintemail.com moakt.com moburl.com mohmal.com moncourrier.fr.nf monemail.fr.nf monmail.fr.nf
monumentmail.com mt2009.com mt2014.com mt2015.com mvrht.com mycleaninbox.net mypartyclip.de
myphantomemail.com mytemp.email mytempemail.com mytrashmail.com nepwk.com nervmich.net nervtmich.net
netzidiot.de neverbox.com nice-4u.com nincsmail.hu no-spam.ws nobulk.com noclickemail.com nogmailspam.info
nomail.xl.cx nomail2me.com nomorespamemails.com nospam.ze.tc nospam4.us nospamfor.us nospamthanks.info
notmailinator.com nowmymail.com nurfuerspam.de nwldx.com objectmail.com obobbo.com odnorazovoe.ru
oneoffemail.com onewaymail.com oopi.org ordinaryamerican.net otherinbox.com ourklips.com outlawspam.com
ovpn.to owlpic.com pancakemail.com pjjkp.com plexolan.de pokemail.net politikerclub.de poofy.org
pookmail.com proxymail.eu prtnx.com putthisinyourspamdatabase.com quickinbox.com rcpt.at reallymymail.com
recode.me reconmail.com recursor.net regbypass.com rejectmail.com rhyta.com rklips.com rmqkr.net rppkn.com
rtrtr.com s0ny.net safersignup.de safetymail.info safetypost.de sandelf.de saynotospams.com
selfdestructingmail.com sendspamhere.com sharklasers.com shieldedmail.com shiftmail.com shitmail.me
skeefmail.com slaskpost.se slopsbox.com smashmail.de smellfear.com snakemail.com sneakemail.com snkmail.com
sofimail.com sofort-mail.de sogetthis.com soodonims.com spam.la spam.su spam4.me spamavert.com spambob.com
spambob.net spambob.org spambog.com spambog.de spambog.ru spambooger.com spambox.info spambox.us
spamcannon.com spamcannon.net spamcero.com spamcon.org spamcorptastic.com spamcowboy.com spamcowboy.net
spamcowboy.org spamday.com spamdecoy.net spamex.com spamfree24.com spamfree24.de spamfree24.eu
spamfree24.info spamfree24.net spamfree24.org spamgoes.in spamgourmet.com spamgourmet.net spamgourmet.org
spamherelots.com spamhereplease.com spamhole.com spamify.com spaminator.de spamkill.info spaml.com spaml.de
spammotel.com spamobox.com spamoff.de spamslicer.com spamspot.com spamthis.co.uk spamthisplease.com
spamtrail.com speed.1s.fr spoofmail.de streetwisemail.com stuffmail.de supergreatmail.com supermailer.jp
superrito.com superstachel.de suremail.info teewars.org teleworm.com teleworm.us temp-mail.io temp-mail.org
temp-mail.ru tempail.com tempalias.com tempe-mail.com tempemail.biz tempemail.com tempemail.net
tempinbox.co.uk tempinbox.com tempmail.it tempmail2.com tempmaildemo.com tempmailer.com tempmailer.de
tempmailo.com tempomail.fr temporarily.de temporarioemail.com.br temporaryemail.net temporaryforwarding.com
temporaryinbox.com tempr.email thanksnospam.info thankyou2010.com thisisnotmyrealemail.com throwam.com
throwawayemailaddress.com throwawaymail.com tilien.com tmail.ws tmailinator.com toiea.com tradermail.info
trash-amil.com trash-mail.at trash-mail.com trash-mail.de trash2009.com trashdevil.com trashdevil.de
trashemail.de trashmail.at trashmail.com trashmail.de trashmail.me trashmail.net trashmail.org trashmail.ws
trashmailer.com trashymail.com trashymail.net trbvm.com turual.com twinmail.de tyldd.com uplipht.com
venompen.com veryrealemail.com viditag.com viewcastmedia.com viewcastmedia.net viewcastmedia.org vomoto.com
vpn.st vsimcard.com vubby.com walala.org webemail.me webm4il.info wegwerfadresse.de wegwerfemail.de
wegwerfmail.de wegwerfmail.info wegwerfmail.net wegwerfmail.org wh4f.org whyspam.me willselfdestruct.com
wronghead.com wuzup.net wuzupmail.net wwwnew.eu xagloo.com xemaps.com xents.com xmaily.com xoxy.net yep.it
yomail.info yopmail.com yopmail.fr yopmail.net you-spam.com yuurok.com zehnminuten.de zehnminutenmail.de
zetmail.com zippymail.info zoaxe.com zoemail.org zomg.info
`;

export const DISPOSABLE_EMAIL_DOMAINS: ReadonlySet<string> = new Set(LIST.trim().split(/\s+/));
