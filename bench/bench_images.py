"""Synthetic photos for the benchmark course: one distinct 2000x1333 JPEG per knowledge page.

Each picture is drawn from its page's name (a colour field, twenty discs and grain, so that it
compresses about as a photo does: about 190 KB at quality 80), made once into a cache folder
and hard-linked (or copied) into the course, so converting again takes seconds. Needs Pillow.
"""
import hashlib
import os
import random
import shutil
import sys
from multiprocessing import Pool

W, H = 2000, 1333
# Part of every cached name: changing how pictures are drawn must change the files.
DRAWING = "v1"
_NOISE = None


def draw(job):
    """Draws the picture for `seed` into `path` (run in a worker process)."""
    global _NOISE
    from PIL import Image, ImageChops, ImageDraw
    seed, path = job
    if _NOISE is None:
        _NOISE = Image.effect_noise((W, H), 30).convert("RGB")
    rng = random.Random(seed)
    field = Image.new("RGB", (4, 3))
    field.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(12)])
    img = field.resize((W, H), Image.BICUBIC)
    pen = ImageDraw.Draw(img)
    for _ in range(20):
        x, y, r = rng.randrange(W), rng.randrange(H), rng.randrange(30, 300)
        pen.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    grain = ImageChops.offset(_NOISE, rng.randrange(W), rng.randrange(H))
    Image.blend(img, grain, 0.08).save(path + ".part", "JPEG", quality=80)
    os.replace(path + ".part", path)


class Images:
    """Collects the pictures a conversion places, and makes the missing ones at the end."""

    def __init__(self, cache):
        self.cache = cache
        os.makedirs(cache, exist_ok=True)
        self.wanted = []  # (seed, cached path, path in the course)

    def place(self, seed, dest):
        key = hashlib.sha1(("%s/%s" % (DRAWING, seed)).encode()).hexdigest()[:16]
        self.wanted.append((seed, os.path.join(self.cache, key + ".jpg"), dest))

    def finish(self):
        missing = [(seed, path) for seed, path, _ in self.wanted if not os.path.exists(path)]
        if missing:
            print("drawing %d pictures into %s" % (len(missing), self.cache), file=sys.stderr)
            with Pool(min(2, os.cpu_count() or 1)) as pool:
                pool.map(draw, missing, chunksize=16)
        for _, path, dest in self.wanted:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            try:
                os.link(path, dest)
            except OSError:
                shutil.copyfile(path, dest)
