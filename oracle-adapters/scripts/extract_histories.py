#!/usr/bin/env python3
"""Makes the compact price histories shipped in oracle-adapters/src/main/resources/dev/marginsim/oracle/histories/
from the data files inside the Maven artifact org.ta4j:ta4j-examples:0.18 (MIT licence).

Usage (from the repository root):
    mvn -B -ntp dependency:get -Dartifact=org.ta4j:ta4j-examples:0.18 -Dtransitive=false
    python3 oracle-adapters/scripts/extract_histories.py ~/.m2/repository/org/ta4j/ta4j-examples/0.18/ta4j-examples-0.18.jar

Exact decimal arithmetic throughout (no floats), so the output is byte-for-byte reproducible:
- bitstamp_trades_from_20131125_usd.csv (one line per Bitstamp BTC/USD trade: unix seconds, price, amount)
  becomes 1-minute OHLC bars, buckets floor(t/60)*60, open/close = first/last trade in file order,
  high/low = max/min price, volume = sum of amounts. Minutes without a trade are omitted (gaps).
- ETH-USD-PT5M-2023-3-13_2023-3-15.json (BinanceUS ETH/USD 5-minute bars keyed by endTime in ms)
  becomes the marginsim JSON bar format: timestamp = bar start in seconds = (endTime + 1) / 1000 - 300,
  prices and volume copied as decimal strings.
"""
import csv
import io
import json
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/main/resources/dev/marginsim/oracle/histories"
BTC_IN = "bitstamp_trades_from_20131125_usd.csv"
ETH_IN = "ETH-USD-PT5M-2023-3-13_2023-3-15.json"
BTC_OUT = "btc-usd-bitstamp-2013-11-25-1m.csv"
ETH_OUT = "eth-usd-binanceus-2023-03-13-5m.json"


def plain(d: Decimal) -> str:
    """Decimal text without exponent or trailing zeros (800.010000 -> 800.01, 1000.000 -> 1000)."""
    s = format(d.normalize(), "f")
    return s


def btc(jar: zipfile.ZipFile) -> None:
    bars = {}
    order = []
    with jar.open(BTC_IN) as raw:
        rows = csv.reader(io.TextIOWrapper(raw, encoding="utf-8"))
        header = next(rows)
        if header != ["timestamp", "price", "amount"]:
            raise SystemExit(f"{BTC_IN}: unexpected header {header}")
        last_t = None
        for n, (t, price, amount) in enumerate(rows, start=2):
            t, price, amount = int(t), Decimal(price), Decimal(amount)
            if last_t is not None and t < last_t:
                raise SystemExit(f"{BTC_IN}:{n}: trades out of order")
            last_t = t
            minute = t // 60 * 60
            bar = bars.get(minute)
            if bar is None:
                bars[minute] = [price, price, price, price, amount]
                order.append(minute)
            else:
                bar[1] = max(bar[1], price)
                bar[2] = min(bar[2], price)
                bar[3] = price
                bar[4] += amount
    with open(OUT / BTC_OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("timestamp,open,high,low,close,volume\n")
        for m in order:
            o, h, l, c, v = bars[m]
            out.write(f"{m},{plain(o)},{plain(h)},{plain(l)},{plain(c)},{plain(v)}\n")
    print(f"{BTC_OUT}: {len(order)} one-minute bars")


def eth(jar: zipfile.ZipFile) -> None:
    with jar.open(ETH_IN) as raw:
        data = json.load(raw, parse_float=Decimal)
    bars = []
    for i, b in enumerate(data["ohlc"]):
        end_ms = int(b["endTime"])
        if (end_ms + 1) % 300_000 != 0:
            raise SystemExit(f"{ETH_IN}: bar {i} does not end on a 5-minute boundary")
        bars.append({
            "timestamp": (end_ms + 1) // 1000 - 300,
            "open": plain(Decimal(b["openPrice"])),
            "high": plain(Decimal(b["highPrice"])),
            "low": plain(Decimal(b["lowPrice"])),
            "close": plain(Decimal(b["closePrice"])),
            "volume": plain(Decimal(b["volume"])),
        })
    doc = {"name": "ETH/USD", "step": 300, "bars": bars}
    with open(OUT / ETH_OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write('{"name": "ETH/USD", "step": 300, "bars": [\n')
        out.write(",\n".join(json.dumps(b, separators=(", ", ": ")) for b in doc["bars"]))
        out.write("\n]}\n")
    print(f"{ETH_OUT}: {len(bars)} five-minute bars")


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    OUT.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(sys.argv[1]) as jar:
        btc(jar)
        eth(jar)


if __name__ == "__main__":
    main()
