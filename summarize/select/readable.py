"""Readability rules: can a source sentence stand alone in a briefing?

Hand-written French rules (no library judges this), each from a blind reading of briefings:
no dangling first word, demonstrative or pronoun pointing back, no link to a sentence the
briefing may not have said, no quote without its speaker, no glued sub-heading or bullet,
no question, no verbless relative-clause fragment, no opening possessive, no fronted clause
whose pronoun the main clause does not name; and what a planned briefing leaves out besides
(``such``, ``insulting``, ``glossary``, ``inside_quote``); a sentence's opening link to an
earlier one (``unlinked``). What it may not say after the sentences before it is ``context``'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: First words that point back to an earlier sentence ("Ce jeudi…" is fine, "Il a…" is not).
DANGLING = frozenset(["il", "elle", "ils", "elles", "lui", "cela", "ça", "ces", "et", "mais",
                       "pourtant", "cependant", "toutefois", "donc", "or", "puis", "c", "tel",
                       "telle", "tels", "telles", "voilà", "ensuite", "néanmoins", "ainsi", "aussi",
                       "enfin", "là", "soit", "car"])
#: Links to a sentence the briefing may not have said ("En revanche", "Même son de cloche",
#: "elles aussi", "a également…" early on; "De plus", "D'ailleurs", "Résultat :", "Conséquence :",
#: "Autre problème :", "Objectif :", "Au programme :", "Reste que", "Sauf que", "D'autant que", "À
#: cela", "Pour sa part", "La même équipe" and a first "Car", session 26: each of them in
#: OrangeSum valid points back; session 27: a first "Parce que", an enumerating "D'abord, …",
#: "D'abord Yaël Mellul, …", "Autre invité notable, …", "n'a pas non plus", "Ledit staff", "La
#: situation est similaire dans …", "le constat est le même.", "n'est pas en reste", "Sur le même
#: principe", "Pour cela") and quotes cut short ("(...)"); a time counted from another: ``_THEN``.
_COMPARED = (r"(?:À|A) titre de comparaison|Parallèlement|En parallèle(?=\s*,)|"  # compared with what? (reading 40)
             r"(?:À|A) l['’]issue (?:de la|de l['’]|du|des)\s*[\w’'-]+(?=\s*,)")  # "À l'issue du processus,"
_LINKED = re.compile((r"^(?:En (?:outre|revanche|effet|conséquence|l['’]occurrence)|Par ailleurs|De (?:son|leur) côté|"
                     r"Même (?:son de cloche|chose|constat)|De même|Idem|L['’]une? d['’](?:eux|elles)\b|"
                     r"Quant à|Au contraire|À l['’]inverse|Du coup|Dans le même temps|De plus|D['’]ailleurs)\b|"
                     r"^(?:Résultat|Conséquence|En cause)\s*[:,]|"
                     r"^(?:L['’])?(?:Objectif|Problème|Au programme|Verdict|Points? (?:positif|négatif)s?|Exemple|"
                     r"Seule contrainte|Explication|Raison|Motif|Le but|But)\s*:|^Parmi (?:eux|elles|ceux-ci|celles-ci)\b|"
                     r"^(?:Autres?\s+[\w’'-]+(?:\s+[\w’'-]+)?\s*[:,]|Reste qu|Sauf qu|D['’]autant (?:plus )?qu|[AÀ] (?:cela|ceci)\b|"
                     r"Pour (?:sa|leur) part\b|(?:Le|La|Les) mêmes?\s|(?:(?:Tout )?D['’]abord,?\s+)?Parce qu|"
                     r"(?:Tout )?D['’]abord(?:,|\s+(?:(?:une?|des|le|la|les|à|au)\b|l['’]|(?-i:[A-ZÀ-Þ]))))|"
                     r"\b(?:est|sont|était|étaient) (?:\w+ )?(?:similaire|identique|le même|la même)s?"
                     r"(?=\s*(?:[.,](?:\s|$)|(?:dans|chez|pour|en|du côté)\s))|"
                     r"\b(?:elles?|lui|eux|ils) aussi\b|\bnon plus\b|\b(?:ledit|ladite|lesdits|lesdites|dudit|desdits)\b|"
                     r"^(?:\S+\s+){0,5}?(?:également|aussi)\b|\bn['’](?:est|était|sont|étaient|sera)\s+pas\s+en reste\b|"
                     r"^(?:(?:Sur|Selon) le même (?:principe|modèle|schéma)|Dans la même (?:veine|lignée)|"
                     r"De la même (?:manière|façon)|Pour (?:cela|ce faire)|Sur le fond\s*,|_COMPARED)|"
                     # reading 36: one of a series never listed ("Le deuxième a justifié"), "Tous savaient…",
                     # "Aucun d'entre eux…", "Ce qui a déclenché…" (what?), not "Ce qu'il faut, c'est…"
                     r"^(?:[^,«»]{0,60},\s+)?(?:Le|La|Les) (?:deuxième|troisième|quatrième|cinquième|second|seconde)s?"
                     r"(?:\s+(?!tour\b|vague\b|guerre\b)[a-zà-ÿ-]+(?![\w-])){0,2}(?:\s*,|\s+(?:a|ont|avait|avaient|est|sont|était|étaient|"
                     r"sera|seront|serait|aurait|doit|devrait|n['’]|ne|s['’]|se)\b)|"
                     r"^(?:[^,«»]{0,60},\s+)?Tou(?:te)?s\s+(?!(?:les|des|ces|ses|leurs|nos|vos|mes|tes|deux|trois|quatre|"
                     r"cinq|ceux|celles|[a-zà-ÿ]+ment)\b)[a-zà-ÿ]|"
                     r"^(?:[^,«»]{0,60},\s+)?(?:Aucune?|Chacune?|Certaine?s|Plusieurs|La plupart|Beaucoup|L['’]une?|Nombre|"
                     r"La majorité|Une partie|La moitié)\s+d['’](?:entre\s+)?(?:eux|elles)\b|"
                     r"^Ce (?:qui|que|qu['’]|dont)\b(?![^.]*,\s*c['’](?:est|était)\b)(?!\s+devait arriver)|"
                     # "Ce sont des erreurs de casting." (as "C'est …"), not a cleft ("Ce sont eux qui…")
                     r"^Ce (?:sont|fut|furent|sera|seront|serait|seraient|n['’]est|ne sont|n['’]était|était|étaient)\b"
                     r"(?![^.]*\b(?:qui|que|qu['’]))|"
                     r"^(?!(?:Si|S['’]ils?|Alors qu|Tandis qu|Même si)\b)[^«»]*\ben revanche\b|"
                     r"\((?:\.\.\.|…)\)|\[(?:\.\.\.|…)\]|"
                     r"^(?:D['’]autres\s|Sans (?:oublier|compter)\b|[AÀ] commencer par\b)|"  # "D'autres témoins…" (16), reading 28
                     r"^(?:Une?|L['’]|Les|Des|Deux|Trois|Quatre|Cinq|Plusieurs)\s?autres?\b|"  # "Un autre témoin" (31), reading 30
                     r"^(?:Tandis qu|Alors qu|Bien qu|Même si|Avant qu|Sans qu)[^,]*$|"  # no main clause: "Tandis que la vidéo…" (4)
                     r"^(?:Celui|Celle)\s+(?:qui|que|qu['’]|dont)\b|"  # "Celle qui en a fini avec la télé…": who? (8)
                     r"^(?:[AÀ]|Aux)\s+(?:ses|leurs?|son|sa)\s+côtés?\b|"  # "À leurs côtés se trouve…" (reading 32)
                     r"^(?:[^«\"\s]+\s+){1,8}?donc\b(?!\s+(?:que|qu))|"  # "Une enquête a donc été ouverte" (readings 27-29; 50)
                     r"^(?:[^,]{0,40},\s+)?(?:[Cc]elles?|[Cc]eux|[Cc]elui)\s+(?:du|de|des|d['’])\s|"  # "Mi-avril, celles du retour…" (reading 29)
                     r"^S['’]y\b|^(?!(?:Si|S['’]ils?|Alors qu|Tandis qu|Même si)\b)(?:\S+\s+){1,10}?(?:en (?:effet|revanche)|ensuite|ainsi(?!\s+que)|néanmoins|toutefois|pour (?:sa|leur) part|de (?:son|leur) côté|quant à (?:lui|elle|eux|elles)|"
                     r"cependant|pourtant)\b|\bd['’]ailleurs\b|"  # "… s'est d'ailleurs fait rappeler à l'ordre" (reading 32; 26)
                     r"^(?:Certain(?:e)?s|D['’]autres|Plusieurs|La plupart|Tou(?:te)?s)\s+(?:ont|sont|avaient|"
                     r"étaient|se|s['’]|ne|n['’]|y|en|doivent|devraient|pourraient|seront)\b").replace("_COMPARED", _COMPARED),
                     re.IGNORECASE)
#: A possessive opening the sentence, or its main clause after an opener: whose? ("Son procès a
#: été reporté", "Sa sœur a lancé un appel", "Selon les observateurs, leur obstination…", blind
#: reading 14): the owner was named in a sentence the briefing may not say (2.6 % of the
#: sentences the single-article briefing said on 400 validation articles opened with one).
#: Not when the words before the first comma hold the main verb ("Le gouvernement … a perdu,
#: mardi, sa majorité": the owner is the sentence's own subject).
_POSSESSIVE = re.compile(r"^(?:[Ss]on|[Ss]a|[Ss]es|[Ll]eurs?)\s|"
                         r"^(?![^,«»]*\b(?:a|ont|est|sont|avait|avaient|était|étaient)\s[^,«»]*,)"
                         r"(?:[^,«»]{0,80},\s+){1,2}(?:[Ss]on|[Ss]a|[Ss]es|[Ll]eurs?)\s")
#: A noun phrase and its relative clause, no main verb: "Une alerte qui devrait être étendue…"
#: (it comments on what the sentence before said); "Une interrogation à laquelle devrait répondre
#: lundi Emmanuel Macron" (blind reading 24), "Un moment compliqué pendant lequel…" (session 27).
_FRAGMENT = re.compile(r"^(?:Un|Une|Des)\s+(?!fois\b)(?:[\w’'-]+\s+){1,4}?(?:qui|qu['’]|que|dont|auquel|auxquel(?:le)?s|"
                       r"(?:à|sur|pour|par|dans|avec|contre|selon|pendant|durant|lors|après|avant|chez|parmi|sans|sous|vers|entre)"
                       r"\s+(?:laquelle|lequel|lesquel(?:le)?s))\b")
END = re.compile(r"[.!?…][»\"”’)]?$")
#: A sentence that trails off: a verbless list or words cut short (reading 36; 43 validation sentences).
_TRAILING = re.compile(r"(?:\.\.\.|…)$")
#: A time counted from an event the sentence does not say ("Dix-huit mois plus tard,", "Un peu
#: plus tôt dans la journée,", "La veille,", "Dans la foulée,": readings 36-37), a link too.
_THEN = re.compile(r"^(?:(?:Quelques|Peu|Un|Une|Deux|Trois|Quatre|Cinq|Six|Sept|Huit|Neuf|Dix|Onze|Douze|Quinze|"
                   r"Vingt|Trente|(?:Dix|Vingt)-\w+|\d+)\s+(?:[\w-]+\s+){0,2}?(?:après|plus tard|plus tôt|auparavant|"
                   r"avant)(?:\s+(?:dans la (?:journée|soirée|matinée|nuit)|encore|déjà|seulement|finalement|environ))?|"
                   r"(?:La veille|Le lendemain|Le jour même|Le même jour|Au même moment|Dans la foulée|Entre-temps)"
                   r"(?:\s+au (?:soir|matin))?)\s*,\s+(?=\w)")


#: A web page's sub-heading or bullet glued to the sentence ("Campagne chaotiqueL’ancienne",
#: "La pluie domine Un régime perturbé…", ".• Météo France") and questions.
_GLUED = re.compile(r"(?<!M)(?<!Ma)[a-zà-ÿ][A-ZÀ-Þ][’'a-zà-ÿ]|[a-zà-ÿ]{2}[AÀ]\s|•|\?|(?:^|\s)[a-zà-ÿ][\w'’\-]*\s(?:(?:Un|Une|Le|La|Les|"
                    r"Des|Du|De|Ailleurs|Depuis|Dans|En|Au|Aux|Il|Elle|Ils|Elles|On|Ce|Cette|Ces|"
                    r"Selon|Pour|Par|Après|Avant)\s+|L['’])[a-zà-ÿ]")
NOT_POINTING = (r"(?!(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|week-end|matin|soir|"
                 r"midi|après-midi|nuit|semaine|année|mois|été|hiver|printemps|automne|jour|stade|"
                 r"moment|sens|qui|que|qu|dont|sont|soit|serait|sera|fut|n|ne)\b)")
#: A demonstrative in the first words, pointing back ("Sur ces patients"), not a time ("ce jeudi"),
#: a set phrase ("à ce stade") or the pronoun ("ce qui").
_DEMONSTRATIVE = re.compile(rf"^(?:\S+\s+){{0,4}}?(?:ce|cet|cette|ces)\s+{NOT_POINTING}\w",
                            re.IGNORECASE)
#: A pronoun opening the main clause after up to two commas ("En cas de victoire, elle…",
#: "Selon les données, datant du 2 juin, ils…"), "Selon lui", "Comme lui" (blind reading 17),
#: a subject owned by someone unnamed ("Deux de ses membres ont été condamnés", reading 17)
#: and "en a profité pour" (of what?); impersonal "il y a", "il faut" pass.
_PRONOUN = re.compile(r"^(?:[^,«»]{0,80},\s+){0,2}(?:il|elle|ils|elles)\b(?!\s+(?:y|n['’]y|faut|"
                      r"s['’]agit|semble|reste|paraît)\b)|^(?:Selon|Pour|D['’]après|Comme|Avec|Contre|"
                      r"Sans|Chez)\s+(?:lui|elle|eux|elles)\b|^(?:(?:L['’]u|U)ne?|Deux|Trois|Quatre|Cinq|"
                      r"Plusieurs|Certains|Certaines|La plupart|Aucun|Aucune|Chacun|Chacune|Beaucoup|"
                      r"Une partie|La moitié|\d+)\s+d(?:e\s+|['’])(?:ses|son|sa|leurs?)\s|"
                      r"\ben\s+(?:a|ont|avait|avaient)\s+profité\b")
#: Someone speaking (first or second person outside quotes): a quote without its speaker ("…
#: ne le ressentent pas comme moi.", reading 29).
_SPEAKER = re.compile(r"\b(?:(?:je|nous|vous|me|moi|mon|ma|mes|notre|nos|votre|vos)\b|[jm]['’](?=\w))",
                      re.IGNORECASE)
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
_SAYS = re.compile(r"\b(?:selon|d['’]après|a-t-(?:il|elle)|ont-(?:ils|elles)|a|ont|avait|affirme|"
                   r"déclare|estime|explique|dit|indique|assure|lance|ajoute|souligne|confie|"
                   r"juge|dénonce|prévient|rappelle|raconte|insiste|martèle|poursuit|écrit|"
                   r"tweete|réagit|répond|regrette|promet|reconnaît)\b", re.IGNORECASE)


#: A bare count as the subject, of a set said before: "Selon le ministère de l'Intérieur, six ont
#: été révoqués depuis 2015" (six of what? blind readings 20-21), "Deux d'entre eux ont été
#: admis…", "Six autres ont été transportées…". Not "Sur les 59 personnes…, 40 ont été…", nor a
#: year ("2020 a été…").
_COUNT = re.compile(r"^(?:Selon [^,]{1,60},\s+)?(?:\d{1,3}(?:[.\s ]\d{3})*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|"
                    r"douze|treize|quatorze|quinze|seize|vingt|trente|cent|mille)\s+(?:d['’]entre (?:eux|elles)\s+|"
                    r"autres\s+)?(?:ont|sont|a|est|avaient|étaient|seront|auront|restent|demeurent|avait|était|"
                    r"vont|doivent|peuvent)\b", re.IGNORECASE)


#: A bare answer to a question the briefing never asked: "Non, a tranché jeudi Valérie
#: Pécresse." (session 26, both models on the wide MDS suite), "Oui, selon le ministère", "Pour le
#: moment oui, a décidé le ministre" (blind reading 24), "Difficile à dire pour le moment" (session 27),
#: "De fermer le rideau du magasin." (what was asked? reading 25), "Avant d'ajouter qu'il…" (who?).
_ANSWER = re.compile(r"^(?:(?:Pour (?:le moment|l['’]instant)|Apparemment|Visiblement|Manifestement|Désormais)\s+(?:oui|non)|"
                     r"Non|Oui|Si|Pas du tout|Absolument|Jamais|Bien sûr|Certainement|Évidemment)\s*[,!.…]|"
                     r"(?:Difficile|Impossible|Trop tôt) (?:à|pour le) (?:dire|savoir)\b|"
                     r"De\s+(?!janvier|février)(?:[a-zéèêàâîôû]+(?:er|ir|oir)|faire|dire|prendre|mettre|rendre)\s|"
                     r"Avant (?:de|d['’])\s*[^,]*$")


#: A clitic pronoun before an auxiliary, standing for what the sentence does not say: "y"
#: ("Marlène Schiappa y avait pris part", "le nombre de permis … y a chuté", "Le président s'y
#: est rendu à pied": where? in what?)
#: and the objects "l'", "les", "lui", "leur" ("Le tribunal l'a déclaré coupable", "Un hommage
#: leur a été rendu", "Emmanuel Macron lui avait répondu"); also the spoken "Circulez, y a rien
#: à voir", a quote without its marks. Session 26: 29 "y" and 65 object clitics in the 9,010
#: readable sentences of OrangeSum valid, nearly all pointing back. Not "il y a", "le compte y
#: est", "ça y est", nor a clitic after a relative, a subordinator, a subject pronoun, "là" or a colon,
#: whose antecedent the sentence holds ("le village …: on y a compté", "depuis que la Géorgie
#: y a renoncé").
_AUXILIARY = r"(?:a|ont|avait|avaient|aura|auront|aurait|auraient|est|sont|était|étaient|sera|seront|serait|seraient)"
_CLITIC = re.compile(rf"(?:^|\s)(?:ne\s+|n['’]\s*)?(?:s['’]\s*y|y|les|lui|leur)\s+{_AUXILIARY}\b|"
                     r"(?:^|\s)(?:ne\s+|n['’]\s*)?l['’]\s*(?:a|ont|avait|avaient|aura|auront|aurait|auraient)\b")
_ANCHORED = re.compile(r"\b(?:que|qui|où|quand|lorsque|si|dont|comme|là|ici|il|elle|ils|elles|on|ça|compte)\b|"
                       r"\b(?:qu|lorsqu|s|puisqu)['’]|[:;]", re.IGNORECASE)


#: A speaker said by an inverted pronoun ("…», a-t-il prévenu") or "la même source": who? (readings
#: 23-24; ``pronouns.speakers`` names it). ``_ALSO``: "a également exclu" points back (reading 41).
_ALSO = re.compile(r"^(?!.*\b(?:[Nn]on seulement|[Ee]n plus d|[Oo]utre\b)).*(?<!\bmais )\b(?:également|par ailleurs)\b"
                   r"(?!\s+(?:connue?s?|appelée?s?|surnommée?s?|nommée?s?|dite?s?)\b)")  # not "non seulement …, mais également"
_UNNAMED_SPEAKER = re.compile(r"\b[a-zéèêëàâîïôûç]+-(?:t-)?(?:il|elle|ils|elles)\b|\b(?:la|de) même source\b|"
                              # "Selon le quotidien, …", "…, explique le quotidien.": which? (reading 29; session 32)
                              r"\b(?:[Ss]elon|(?:rapporte|indique|explique|souligne|précise|révèle|ajoute|affirme)n?t?) (?:le|la|l['’]) ?"
                              r"(?:quotidien|journal|magazine|hebdomadaire|site|média|chaîne|radio|document|communiqué|"
                              r"publication)(?:\s+d['’]info(?:rmation)?s?(?:\s+en continu)?)?"
                              r"(?=\s*[,.;]|\s+(?:qui|publié|paru|cité)\b)")


def _points_there(outside: str) -> bool:
    """Does ``outside`` (a sentence, its quotes blanked) hold a clitic pronoun with nothing
    before it that it could stand for (:data:`_CLITIC`)?"""
    return any(not _ANCHORED.search(outside[:m.start()]) for m in _CLITIC.finditer(outside))


#: "Le couple a porté plainte" (which? 8 such openers in OrangeSum valid, all pointing back); not
#: "Le couple présidentiel", "Le couple Macron".
_PAIR = re.compile(r"^Le (?:couple|duo|trio)\b(?!\s+(?:présidentiel|princier|royal|impérial|[A-ZÀ-Þ]))")
#: A demonstrative or ordinal pronoun standing for what an earlier sentence named: "Celui-ci
#: est confronté à une contestation…", "Celle-ci dénonce…", "L'intéressé était…", "Le second
#: est une femme…" (session 26: 41 of the 9,010 readable sentences of OrangeSum valid, all but
#: those whose opening clause names it: "Si les magistrats jugent la QPC sérieuse, celle-ci…").
_STANDS_FOR = re.compile(r"^(?!(?:Si|S['’]il|S['’]ils|Tandis|Quand|Lorsqu|Alors qu|Comme|Puisqu|Parce qu)\b)"
                         r"(?:[^,«»]{0,80},\s+){0,2}(?:[Ll]['’]intéressée?s?|[Cc]elui-ci|[Cc]elle-ci|[Cc]eux-ci|[Cc]elles-ci|"
                         r"[Cc]elui-là|[Cc]elle-là|(?:[Ll]e|[Ll]a) (?:premier|première|second|seconde)(?=\s+(?:a|avait|est|"
                         r"était|sera|aurait|devrait|doit|n['’]|ne)\b))")


#: A fronted clause whose subject pronoun the main clause does not name: "S'il déplore …, il
#: regrette …", "Si elle a été élue, c'est qu'elle…", "Quand ils l'ont sorti, sa tête…", "Alors
#: qu'il commençait son discours, des heurts…" (who? session 30: 12 of the 8,801 readable
#: sentences of OrangeSum valid; 22 of its 24 hits in 4,000 training articles point back).
#: "Alors qu'il effectuait une randonnée, un homme…", "S'il assure …, le locataire de Bercy…"
#: and "Comme il l'avait fait…, Nicolas Sarkozy…" name him.
_FRONTED = re.compile(r"^(?:Et\s+)?(?:Même\s+)?(?:S['’]|Si\s+(?=elle)|(?:Quand|Comme)\s+|(?:Lorsqu|Puisqu|(?:Bien|Alors|"
                      r"Parce|Tant|Dès|Avant|Après|Tandis|Une fois)\s+qu)['’])(il|elle)(s?)\b(?!\s+(?:ne\s+|n['’])?(?:y\s|faut|"
                      r"fallait|faudra|s['’]agi|fait\s+(?:beau|chaud|froid|nuit|jour)|semble(?:rait)?\s+qu|(?:est|était|sera|"
                      r"soit|serait|semble|paraît)\s+(?:pas\s+)?(?:encore\s+)?\w+\s+(?:que|qu['’]|de|d['’])))")
#: How the main clause after it opens: a pronoun, a possessive or a quote names no one; a
#: determiner names someone of its gender and number (None: "l'", both genders).
_MAIN = re.compile(r"(?P<none>(?:il|elle|ils|elles|c['’]|ce(?=\s+(?:sera|serait|fut|sont|ne|n['’]|qui|que|qu['’]))|cela|ça|son|sa|ses|"
                   r"leurs?)\b|[«\"“])|"
                   r"(?P<det>(?:le|un|ce|cet)\b|(?:la|une|cette)\b|l['’]|(?:les|des|ces|plusieurs|de|d['’]|"
                   r"deux|trois|quatre|cinq|\d+)\b)|(?P<name>[A-ZÀ-Þ])")
_COLLECTIVE = re.compile(r"(?:famille|couple|duo|trio|équipe|police|gendarmerie|gouvernement|groupe|foule|public|"
                         r"personnel|direction|majorité|peuple|population)\b")
_SKIP = re.compile(r"^(?:(?:le|ce)\s+(?:\d|premier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|"
                   r"(?:comme|quand|si|alors|selon|avant|après|depuis|dès|pour|par|sur|dans|en|à|au|aux|avec|"
                   r"malgré|notamment|[a-zà-ÿ]+(?:ant|é|ée|és|ées))\b|(?:lorsqu|s|d)['’])|\b(?:étant|ayant)\b", re.IGNORECASE)


def fronted(text: str) -> bool:
    """Does ``text`` open with a clause whose subject pronoun ("S'il …", "Alors qu'elle …")
    the main clause after it does not name (:data:`_FRONTED`)?"""
    found = _FRONTED.match(text)
    if not found:
        return False
    feminine, plural = found.group(1) == "elle", bool(found.group(2))
    for part in re.split(r",\s+", _QUOTED.sub("«»", text[found.end():]))[1:]:
        if _SKIP.search(part[:60]):
            continue  # another fronted clause or an aside: "comme elle le confiait …,", "… étant grévistes,"
        main = _MAIN.match(part)
        if main is None or main.group("name"):
            return False
        if main.group("none"):
            return True
        det = main.group("det").lower()
        if det.startswith("l") and det[1:2] in "'’":
            return plural
        many = det in {"les", "des", "ces", "plusieurs", "de", "d'", "d’", "deux", "trois", "quatre", "cinq"} or det.isdigit()
        if plural and _COLLECTIVE.match(part[main.end():].lstrip()):
            return False  # "Alors qu'ils se trouvaient …, le couple princier…"
        return many != plural or (not many and (det in {"la", "une", "cette"}) != feminine)
    return False


#: The longest sentence a briefing says (words).
MAX_WORDS = 60


def readable(text: str, min_words: int = 5, max_words: int = MAX_WORDS) -> bool:
    """Can the sentence stand alone in a briefing? Whole, one sentence of the story's own
    voice: no dangling first word, demonstrative or pronoun pointing back, no quote left
    without its speaker, no glued sub-heading or bullet, no question."""
    words = text.split()
    if not min_words <= len(words) <= max_words or not END.search(text) or _TRAILING.search(text) \
            or _THEN.match(text):
        return False
    first = re.split(r"[\s'’,]+", words[0].lower(), maxsplit=1)[0]
    if first in DANGLING or not words[0][:1].isupper() or re.match(r"Depuis,", text):
        return False
    if text.count("«") != text.count("»") or text.count('"') % 2:
        return False
    if (_GLUED.search(text) or _DEMONSTRATIVE.search(text) or _PRONOUN.search(text)
            or _LINKED.search(text) or _FRAGMENT.search(text) or _POSSESSIVE.match(text)
            or _COUNT.match(text) or _ANSWER.match(text) or _STANDS_FOR.match(text)
            or _PAIR.match(text) or fronted(text)):
        return False
    outside = _QUOTED.sub(" ", text)
    if _points_there(outside) or _UNNAMED_SPEAKER.search(outside) or outside.rstrip().endswith("!") or _ALSO.search(outside):
        return False  # an exclamation is the article's voice ("Difficile de faire plus clair !", reading 25)
    if len(outside.split()) < len(words) / 2 and not _SAYS.search(outside):
        return False  # mostly a quote, and nobody says it
    return not _SPEAKER.search(outside)


#: An opening link to an unsaid sentence: "Mais", "Et", "Or", or a connective and a comma ("Toutefois,").
_LINK = re.compile(r"^(?:(?:Mais|Et|Or|Puis|Donc)\s*,?|(?:Par ailleurs|En effet|En l['’]occurrence|De (?:son|leur) côté|"
                   r"Pour (?:sa|leur) part|En outre|En revanche|D['’]ailleurs|De plus|Dans le même temps|"
                   r"Du coup)\s*,?|(?:Pourtant|Cependant|Toutefois|Néanmoins|Ensuite|Ainsi|Aussi|"
                   r"Enfin|_COMPARED)\s*,)\s+(?!ce\s*,)(?=\w)".replace("_COMPARED", _COMPARED))


#: The same link inside the sentence ("Le masque est également obligatoire", "L'alerte a, en
#: revanche, été levée"); not "aussi" nor "ainsi" ("c'est aussi", "ainsi que" say something).
_INNER_LINK = re.compile(r"\s*,\s*(?:également|en revanche|toutefois|cependant|pourtant|néanmoins|donc|quant à (?:lui|elle|eux|elles)|"
                         r"par ailleurs|d['’]ailleurs|en effet|pour (?:sa|leur) part|de (?:son|leur) côté)\s*,\s*|\s+(?:également|donc|"
                         r"en revanche|toutefois|cependant|pourtant|néanmoins|d['’]ailleurs|pour (?:sa|leur) part|de (?:son|leur) côté|"
                         r"quant à (?:lui|elle|eux|elles))\b(?!\s*,)")


#: What a link may not be dropped from: a narrative infinitive ("Et de citer…", "Et
#: d'ajouter : …") or an inverted verb ("Puis sont venues des accusations…"): without it the
#: sentence is not French (session 23's review of 160 edits), nor an inverted saying verb ("En outre,
#: ajoute Serbast Sabri, …": session 24's).
_NEEDS_LINK = re.compile(r"^(?:(?:de|d['’])\s*\w+(?:er|ir|re)\b|encore\s*,|(?:sont|est|sera|seront|était|étaient|"
                         r"viennent|vient|venait|reste|restent|suit|suivent|arrive|arrivent|s['’]ensuit|"
                         r"ajoute|poursuit|précise|explique|souligne|indique|affirme|assure|rappelle|estime|"
                         r"note|insiste|conclut|lance|martèle|reconnaît|confie|raconte|relève|observe)\b)",
                         re.IGNORECASE)
_SUBJECT_INFINITIVE = re.compile(r"^Et\s+(?:(?!a |ont |est |sont |avait |était |va |vont |doit |peut )[\w’'-]+\s+){1,5}?"
                                 r"(?:de|d['’])\s*[a-zé]\w*(?:er|ir|re)\b")  # "Et le chef de l'Etat de sortir…"


def unlinked(text: str) -> str:
    """``text`` without its link to an earlier sentence, when only that keeps it from reading
    alone: an opening one ("Toutefois, les conducteurs…" → "Les conducteurs…", "La veille, …")
    or the first inside it, outside quotes ("a également annoncé" → "a annoncé"); else
    ``text``. The claim is the source's: only the link to what the briefing may not say goes."""
    if readable(text):
        return text
    found = _LINK.match(text) or _THEN.match(text)
    if found:
        rest = text[found.end():]
        if _NEEDS_LINK.match(rest) or _SUBJECT_INFINITIVE.match(text):
            return text
        rest = rest[:1].upper() + rest[1:]
    else:
        found = next((m for m in _INNER_LINK.finditer(text) if not quoted_at(text, m.start())), None)
        if not found:
            return text
        rest = text[:found.start()] + (" " if "," in found.group(0) else "") + text[found.end():]
    return rest if readable(rest) else text


def quoted_at(text: str, at: int) -> bool:
    """Is character ``at`` of ``text`` inside a quote?"""
    before = text[:at]
    return before.count("«") > before.count("»") or before.count('"') % 2 == 1


#: "de telles intentions", "une telle option", "un tel projet": *such* points back to what the
#: source said before; "de telle sorte que", "à tel point" do not.
_SUCH = re.compile(r"\b(?:de|d['’]une?|une?)\s+tel(?:le)?s?\s+(?!(?:sorte|manière|façon|point|que|qu)\b)\w",
                   re.IGNORECASE)
#: Epithets a tabloid uses as insults ("le tyran Vlad", "les deux tyrans"); a quote may hold them.
_INSULT = re.compile(r"\b(?:tyran|despote)s?\b", re.IGNORECASE)


#: A sentence that spells out an abbreviation ("RPDC est l'abréviation de République populaire
#: démocratique de Corée"): background for the article's reader, no news for the briefing's.
_GLOSSARY = re.compile(r"\b(?:est|désigne|signifie)\s+(?:l['’](?:abréviation|acronyme)|le sigle)\b",
                       re.IGNORECASE)


def glossary(text: str) -> bool:
    """Does ``text`` spell out an abbreviation (issue #22's seeds: "RPDC est l'abréviation
    de …")?"""
    return bool(_GLOSSARY.search(text))


def such(text: str) -> bool:
    """Does ``text`` say "such a …" of something only its source said ("Moscou et Pyongyang
    ont nié de telles intentions")?"""
    return bool(_SUCH.search(text))


#: A quote left open longer than this many sentences is a source's typo, not a long quote.
MAX_QUOTED = 3


def _balance(text: str) -> tuple[int, int]:
    """Quotes ``text`` opens (« “) less those it closes (» ”), and its straight quotes."""
    return text.count("«") + text.count("“") - text.count("»") - text.count("”"), text.count('"')


def inside_quote(sentences: Sequence[str]) -> list[bool]:
    """For each sentence of an article, in order: does it open inside a quote an earlier
    sentence opened and a later one (at most ``MAX_QUOTED`` on) closes ("« Les Néerlandais ont
    droit à un référendum. On ne peut pas se laisser mourir. L'UE a fait assez de dégâts »,
    estime-t-il.")? Said alone, its words become the briefing's (blind reading 11: "quotes
    copied into the briefing's own voice"). A quote never closed is a typo: nothing is inside."""
    out = [False] * len(sentences)
    if any(re.match(r"[^«»]*».*«[^«»]*$", t) for t in sentences):
        return out  # "Il faut » soutenir le secteur culturel «": the source's marks are reversed
        #             (not "… passer outre » a-t-il soutenu, concédant que « …»": one closes, one opens)
    marks = [_balance(t) for t in sentences]
    j = 0
    while j < len(marks):
        opened, straight = marks[j]
        j += 1
        if opened <= 0 and straight % 2 == 0:
            continue
        for m in range(j, min(len(marks), j + MAX_QUOTED)):
            if (marks[m][0] < 0) if opened > 0 else (marks[m][1] % 2 == 1):
                out[j:m + 1] = [True] * (m + 1 - j)
                j = m + 1  # the closing sentence opens nothing: '…généralisé", a précisé …'
                break
            if marks[m] != (0, 0):
                break  # another quote in between: unsure
    return out


def insulting(text: str) -> bool:
    """Does ``text`` call someone a tyrant or a despot outside a quote?"""
    return bool(_INSULT.search(_QUOTED.sub(" ", text)))
