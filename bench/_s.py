import random, sys, time
from bench.run import QUERIES, spread, timed
from bench.stores import load, use_state
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
size, kind = sys.argv[1], sys.argv[2]
st = load(size, kind); use_state(size, kind)
m = open_minutes(st.where); rm = ReadModels.of(m); rm.catch_up()
rng = random.Random(1)
for q in QUERIES:
    s = spread(timed(lambda: rm.search(q), 30)); print(q, len(rm.search(q)), f"{s['p50']*1000:.1f} {s['p99']*1000:.1f}")
m.close()
