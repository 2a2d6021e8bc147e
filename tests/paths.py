"""Where the tests find the project, its demo meeting and the shared seed."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "projections" / "fixtures" / "demo.json"
SEED_DIR = ROOT.parent / "shared" / "seed"
