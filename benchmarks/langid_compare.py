"""Compare language identifiers on French news vs English/German/Spanish/Italian text.

Accuracy on: French OrangeSum articles (first N of the corpus, when ../shared/data is there,
else the seeds) and hand-written news paragraphs in en/de/es/it (below), whole texts and their
first 150 characters; cold start = import + first call, in a fresh interpreter.

    python benchmarks/langid_compare.py [--n 300] [--path EXTRA_SITE_DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OTHER = {
    "en": [
        ("The government announced on Tuesday a new plan to reduce energy prices for households, "
        "after weeks of protests in several cities across the country."),
        ("Police arrested three men suspected of robbing a jewellery store in central London on "
        "Sunday night, a spokesman said, adding that the investigation was ongoing."),
        ("Shares fell sharply on Wall Street as investors worried that the central bank would "
        "keep raising interest rates to fight inflation."),
        ("The coach said his team had played well despite the defeat, and that he expected a "
        "stronger performance in the next match against their rivals."),
        ("Scientists have discovered a new species of frog in the rainforest, which they say is "
        "already threatened by deforestation and climate change."),
        ("Thousands of passengers were stranded at airports after a strike by air traffic "
        "controllers forced airlines to cancel hundreds of flights."),
    ],
    "de": [
        ("Die Bundesregierung hat am Dienstag ein neues Paket zur Entlastung der Bürger bei den "
        "Energiepreisen beschlossen, nachdem es wochenlang Proteste gegeben hatte."),
        ("Die Polizei nahm in der Nacht zum Sonntag drei Männer fest, die einen Juwelier in der "
        "Innenstadt überfallen haben sollen, teilte ein Sprecher mit."),
        ("An der Börse gaben die Kurse deutlich nach, weil Anleger befürchten, dass die "
        "Zentralbank die Zinsen weiter erhöhen wird."),
        ("Der Trainer sagte, seine Mannschaft habe trotz der Niederlage gut gespielt und werde im "
        "nächsten Spiel gegen den Rivalen stärker auftreten."),
        ("Forscher haben im Regenwald eine neue Froschart entdeckt, die nach ihren Angaben schon "
        "jetzt durch Abholzung und Klimawandel bedroht ist."),
        ("Tausende Reisende saßen an den Flughäfen fest, nachdem ein Streik der Fluglotsen die "
        "Gesellschaften zur Absage hunderter Flüge gezwungen hatte."),
    ],
    "es": [
        ("El Gobierno anunció el martes un nuevo plan para reducir los precios de la energía para "
        "los hogares, tras semanas de protestas en varias ciudades del país."),
        ("La policía detuvo a tres hombres sospechosos de robar una joyería en el centro de "
        "Madrid el domingo por la noche, según informó un portavoz."),
        ("Las acciones cayeron con fuerza en la bolsa porque los inversores temen que el banco "
        "central siga subiendo los tipos de interés para combatir la inflación."),
        ("El entrenador dijo que su equipo había jugado bien a pesar de la derrota y que espera "
        "un mejor rendimiento en el próximo partido contra sus rivales."),
        ("Los científicos han descubierto una nueva especie de rana en la selva, que según ellos "
        "ya está amenazada por la deforestación y el cambio climático."),
        ("Miles de pasajeros quedaron atrapados en los aeropuertos después de que una huelga de "
        "controladores aéreos obligara a cancelar cientos de vuelos."),
    ],
    "it": [
        ("Il governo ha annunciato martedì un nuovo piano per ridurre i prezzi dell'energia per "
        "le famiglie, dopo settimane di proteste in diverse città del paese."),
        ("La polizia ha arrestato tre uomini sospettati di aver rapinato una gioielleria nel "
        "centro di Roma domenica sera, ha detto un portavoce."),
        ("Le azioni sono crollate in borsa perché gli investitori temono che la banca centrale "
        "continui ad alzare i tassi di interesse per combattere l'inflazione."),
        ("L'allenatore ha detto che la sua squadra ha giocato bene nonostante la sconfitta e che "
        "si aspetta una prestazione migliore nella prossima partita contro i rivali."),
        ("Gli scienziati hanno scoperto una nuova specie di rana nella foresta pluviale, che "
        "secondo loro è già minacciata dalla deforestazione e dal cambiamento climatico."),
        ("Migliaia di passeggeri sono rimasti bloccati negli aeroporti dopo che uno sciopero dei "
        "controllori di volo ha costretto le compagnie a cancellare centinaia di voli."),
    ],
}

DETECTORS = {
    "py3langid": ("import py3langid", "lambda t: py3langid.classify(t)[0]"),
    "langid": ("import langid", "lambda t: langid.classify(t)[0]"),
    "langdetect": ("import langdetect; langdetect.DetectorFactory.seed = 0",
                   "lambda t: langdetect.detect(t)"),
    "lingua": (("from lingua import LanguageDetectorBuilder as B, Language as L; "
               "_d = B.from_all_languages().build()"),
               ("lambda t: (lambda r: r.iso_code_639_1.name.lower() if r else '?')"
               "(_d.detect_language_of(t))")),
    "lingua-low": (("from lingua import LanguageDetectorBuilder as B; "
                   "_d = B.from_all_languages().with_low_accuracy_mode().build()"),
                 ("lambda t: (lambda r: r.iso_code_639_1.name.lower() if r else '?')"
                 "(_d.detect_language_of(t))")),
    "pycld2": ("import pycld2", "lambda t: pycld2.detect(t)[2][0][1]"),
}


def french(n: int) -> list[str]:
    data = ROOT.parent / "shared" / "data" / "orangesum" / "documents.jsonl.gz"
    if data.is_file():
        out = []
        with gzip.open(data, "rt", encoding="utf-8") as fh:
            for line in fh:
                out.append(json.loads(line)["article"])
                if len(out) >= n:
                    break
        return out
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


CHILD = """
import json, sys, time
t0 = time.perf_counter()
{setup}
detect = {call}
first = detect("Le gouvernement a annoncé mardi un nouveau plan.")
cold = time.perf_counter() - t0
cases = json.load(sys.stdin)
t1 = time.perf_counter()
got = [detect(t) for t, _ in cases]
per = (time.perf_counter() - t1) / len(cases)
print(json.dumps({{"cold": cold, "per": per, "got": got}}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--path", default="", help="extra site dir holding the candidates")
    args = ap.parse_args()
    fr = french(args.n)
    cases = [(t, "fr") for t in fr] + [(t, lang) for lang, ts in OTHER.items() for t in ts]
    cases += [(t[:150], lang) for t, lang in list(cases)]
    n_full = len(cases) // 2
    print(f"{len(fr)} French articles, {sum(map(len, OTHER.values()))} en/de/es/it paragraphs; "
          "whole texts and first 150 characters")
    print(f"{'detector':<12} {'cold start s':>12} {'ms/text':>8} {'acc whole':>10} "
          f"{'acc 150ch':>10} {'fr→other':>9} {'other→fr':>9}")
    for name, (setup, call) in DETECTORS.items():
        code = (f"import sys; sys.path.insert(0, {args.path!r})\n" if args.path else "") + \
            CHILD.format(setup=setup, call=call)
        proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(cases),
                              capture_output=True, text=True)
        if proc.returncode:
            print(f"{name:<12} failed: {proc.stderr.strip().splitlines()[-1]}")
            continue
        res = json.loads(proc.stdout)
        ok = [g == want for g, (_, want) in zip(res["got"], cases)]
        fr_miss = sum(1 for g, (_, w) in zip(res["got"], cases) if w == "fr" and g != "fr")
        other_fr = sum(1 for g, (_, w) in zip(res["got"], cases) if w != "fr" and g == "fr")
        print(f"{name:<12} {res['cold']:>12.2f} {1000 * res['per']:>8.2f} "
              f"{sum(ok[:n_full]) / n_full:>10.3f} {sum(ok[n_full:]) / n_full:>10.3f} "
              f"{fr_miss:>9} {other_fr:>9}")


if __name__ == "__main__":
    main()
