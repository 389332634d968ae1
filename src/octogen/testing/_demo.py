"""The built-in demo dataset: four merchant catalogs of generated, realistic products.

Generated from a fixed seed, so every run (and every machine) sees the same products,
the same UUIDs and the same order. Products are wire-shaped dicts (camelCase, as the
API sends them), built to exercise every field of CONTRACT.md's `MerchantProductView`
in the live shapes of CONTRACT-LIVE.md §1.6b: image objects with a `primaryImage`, and
the enrichment with lists, attribute handles and a canonical brand object. Each product
is drawn up front (`ProductDraw`, cheap) and its dict built when first needed.
"""

from __future__ import annotations

import functools
import random
import re
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

DEFAULT_SEED = 20260519
DEFAULT_PRODUCTS_PER_CATALOG = 80


# NamedTuples, not attrs classes: `octogen --mock` defines them at every start.
class _Kind(NamedTuple):
    """A kind of product a catalog sells."""

    key: str
    title: str
    price: float
    category_path: tuple[str, ...]
    sizes: tuple[str, ...]
    materials: tuple[str, ...]
    fits: tuple[str, ...]
    styles: tuple[str, ...]
    activewear: bool = False


class _CatalogPlan(NamedTuple):
    """A demo catalog: what it sells, under which brands, to whom."""

    key: str
    name: str
    base_url: str
    currency: str
    brands: tuple[tuple[str, str], ...]  # (name, description)
    genders: tuple[str, ...]
    age_groups: tuple[str, ...]
    kinds: tuple[_Kind, ...]


_ADULT = ("XS", "S", "M", "L", "XL")
_SHOES = ("38", "39", "40", "41", "42", "43", "44")
_KIDS = ("2T", "3T", "4", "5", "6", "8")
_BABY = ("0-3M", "3-6M", "6-12M", "12-18M")
_ONE = ("One Size",)

_CATALOGS = (
    _CatalogPlan(
        key="northwind",
        name="Northwind Outfitters",
        base_url="https://northwind-outfitters.example",
        currency="USD",
        brands=(
            ("Northwind", "Outdoor gear from the Pacific Northwest"),
            ("Trailcraft", "Lightweight kit for long days on the trail"),
            ("Summit Lab", "Technical layers for alpine weather"),
        ),
        genders=("male", "female", "unisex"),
        age_groups=("adult",),
        kinds=(
            _Kind("parka", "Parka", 320, ("Apparel", "Outerwear", "Parkas"), _ADULT,
                  ("recycled polyester", "down"), ("regular", "relaxed"), ("outdoor",)),
            _Kind("fleece_jacket", "Fleece Jacket", 110, ("Apparel", "Outerwear", "Fleece"),
                  _ADULT, ("polyester fleece",), ("regular",), ("outdoor", "casual")),
            _Kind("rain_jacket", "Rain Jacket", 180, ("Apparel", "Outerwear", "Rain Jackets"),
                  _ADULT, ("nylon", "recycled nylon"), ("regular", "athletic"), ("outdoor",)),
            _Kind("running_shoes", "Running Shoes", 140, ("Footwear", "Athletic", "Running"),
                  _SHOES, ("mesh", "rubber"), ("regular",), ("sporty",), activewear=True),
            _Kind("hiking_boots", "Hiking Boots", 210, ("Footwear", "Boots", "Hiking"), _SHOES,
                  ("leather", "rubber"), ("regular", "wide"), ("outdoor",)),
            _Kind("leggings", "Leggings", 85, ("Apparel", "Bottoms", "Leggings"), _ADULT,
                  ("nylon", "elastane"), ("slim", "high-rise"), ("sporty",), activewear=True),
            _Kind("base_layer", "Merino Base Layer", 95, ("Apparel", "Tops", "Base Layers"),
                  _ADULT, ("merino wool",), ("slim",), ("outdoor", "sporty"), activewear=True),
            _Kind("backpack", "Daypack", 130, ("Accessories", "Bags", "Backpacks"), _ONE,
                  ("recycled nylon",), ("regular",), ("outdoor",)),
        ),
    ),
    _CatalogPlan(
        key="maisonlune",
        name="Maison Lune",
        base_url="https://maisonlune.example",
        currency="EUR",
        brands=(
            ("Maison Lune", "Parisian ready-to-wear"),
            ("Atelier Nord", "Scandinavian tailoring"),
            ("Linea", "Linen and silk essentials"),
        ),
        genders=("female",),
        age_groups=("adult",),
        kinds=(
            _Kind("dress", "Linen Dress", 160, ("Apparel", "Dresses", "Midi Dresses"), _ADULT,
                  ("linen",), ("relaxed", "regular"), ("minimalist", "summer")),
            _Kind("blouse", "Silk Blouse", 140, ("Apparel", "Tops", "Blouses"), _ADULT,
                  ("silk",), ("regular", "relaxed"), ("elegant",)),
            _Kind("trousers", "Wide-Leg Trousers", 150, ("Apparel", "Bottoms", "Trousers"),
                  _ADULT, ("wool", "linen"), ("wide", "high-rise"), ("tailored",)),
            _Kind("cardigan", "Cashmere Cardigan", 240, ("Apparel", "Knitwear", "Cardigans"),
                  _ADULT, ("cashmere",), ("relaxed",), ("cozy", "minimalist")),
            _Kind("skirt", "Midi Skirt", 120, ("Apparel", "Bottoms", "Skirts"), _ADULT,
                  ("viscose", "linen"), ("a-line",), ("elegant", "summer")),
            _Kind("trench_coat", "Trench Coat", 390, ("Apparel", "Outerwear", "Coats"), _ADULT,
                  ("cotton gabardine",), ("regular",), ("classic",)),
            _Kind("ankle_boots", "Ankle Boots", 260, ("Footwear", "Boots", "Ankle Boots"),
                  _SHOES, ("leather",), ("regular",), ("classic",)),
            _Kind("tote", "Leather Tote", 290, ("Accessories", "Bags", "Totes"), _ONE,
                  ("leather",), ("regular",), ("minimalist",)),
        ),
    ),
    _CatalogPlan(
        key="atlasstreet",
        name="Atlas Street",
        base_url="https://atlasstreet.example",
        currency="USD",
        brands=(
            ("Atlas", "Heavyweight streetwear basics"),
            ("Nightshift", "Graphic streetwear from Los Angeles"),
            ("Concrete Club", "Skate-inspired everyday wear"),
        ),
        genders=("unisex", "male", "female"),
        age_groups=("adult",),
        kinds=(
            _Kind("hoodie", "Hoodie", 120, ("Apparel", "Tops", "Hoodies"), _ADULT,
                  ("cotton fleece",), ("oversized", "relaxed"), ("streetwear",)),
            _Kind("t_shirt", "Graphic T-Shirt", 45, ("Apparel", "Tops", "T-Shirts"), _ADULT,
                  ("cotton",), ("oversized", "regular"), ("streetwear", "casual")),
            _Kind("cargo_pants", "Cargo Pants", 110, ("Apparel", "Bottoms", "Pants"), _ADULT,
                  ("cotton twill",), ("relaxed", "baggy"), ("streetwear", "utility")),
            _Kind("sneakers", "Sneakers", 150, ("Footwear", "Sneakers", "Low Tops"), _SHOES,
                  ("leather", "suede"), ("regular",), ("streetwear",)),
            _Kind("bomber", "Bomber Jacket", 190, ("Apparel", "Outerwear", "Bombers"), _ADULT,
                  ("nylon",), ("regular", "cropped"), ("streetwear",)),
            _Kind("crewneck", "Crewneck Sweatshirt", 95, ("Apparel", "Tops", "Sweatshirts"),
                  _ADULT, ("cotton fleece",), ("relaxed",), ("streetwear", "casual")),
            _Kind("cap", "Six-Panel Cap", 40, ("Accessories", "Hats", "Caps"), _ONE,
                  ("cotton",), ("adjustable",), ("streetwear",)),
        ),
    ),
    _CatalogPlan(
        key="littlesprout",
        name="Little Sprout",
        base_url="https://littlesprout.example",
        currency="USD",
        brands=(
            ("Little Sprout", "Organic cotton clothes for small people"),
            ("Puddle & Co", "Rainwear for kids who jump in puddles"),
        ),
        genders=("unisex", "male", "female"),
        age_groups=("infant", "toddler", "kids"),
        kinds=(
            _Kind("romper", "Organic Romper", 32, ("Apparel", "Baby", "Rompers"), _BABY,
                  ("organic cotton",), ("regular",), ("playful",)),
            _Kind("kids_hoodie", "Kids Hoodie", 38, ("Apparel", "Kids", "Hoodies"), _KIDS,
                  ("cotton fleece",), ("regular",), ("playful", "casual")),
            _Kind("rain_boots", "Rain Boots", 42, ("Footwear", "Kids", "Boots"),
                  ("24", "25", "26", "27", "28", "30"), ("natural rubber",), ("regular",),
                  ("playful",)),
            _Kind("pajamas", "Pajama Set", 36, ("Apparel", "Kids", "Sleepwear"), _KIDS,
                  ("organic cotton",), ("slim",), ("cozy",)),
            _Kind("puffer", "Puffer Jacket", 79, ("Apparel", "Kids", "Outerwear"), _KIDS,
                  ("recycled polyester",), ("regular",), ("outdoor",)),
            _Kind("kids_leggings", "Kids Leggings", 22, ("Apparel", "Kids", "Leggings"), _KIDS,
                  ("organic cotton", "elastane"), ("slim",), ("sporty",), activewear=True),
        ),
    ),
)  # fmt: skip

_COLORS = (
    ("Black", "#111111", "Black"),
    ("White", "#FAFAFA", "White"),
    ("Cream", "#F3EBDD", "White"),
    ("Navy", "#1F2A44", "Blue"),
    ("Sky Blue", "#8EC5E8", "Blue"),
    ("Olive", "#6B6B3A", "Green"),
    ("Forest Green", "#2E5D3A", "Green"),
    ("Sand", "#D8C3A5", "Brown"),
    ("Camel", "#B5835A", "Brown"),
    ("Charcoal", "#3A3A3A", "Gray"),
    ("Heather Grey", "#A7A7A7", "Gray"),
    ("Burgundy", "#6D1A2B", "Red"),
    ("Red", "#C62828", "Red"),
    ("Blush", "#E8B4B8", "Pink"),
    ("Lavender", "#B6A6D9", "Purple"),
    ("Mustard", "#D4A017", "Yellow"),
    ("Rust", "#B7410E", "Orange"),
)
_ADJECTIVES = (
    "Classic", "Relaxed", "Heavyweight", "Organic", "Cropped", "Oversized", "Essential",
    "Recycled", "Lightweight", "Vintage", "Everyday", "Tailored",
)  # fmt: skip
_REVIEWERS = ("Sam", "Alex", "Priya", "Jonas", "Mei", "Lucía", "Tom", "Amara")
_REVIEW_BODIES = (
    "Fits as expected.",
    "Great quality for the price.",
    "Runs a little small, size up.",
    "Lovely colour, washed well.",
    "Warm and comfortable.",
)
_EPOCH = datetime(2026, 5, 19, 18, 4, 10, tzinfo=UTC)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@functools.cache  # the demo slugifies ~4000 strings, ~400 of them different
def slugify(text: str) -> str:
    """`"Puddle & Co"` → `"puddle-co"`."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _stable_number(text: str, low: int, high: int) -> int:
    """A number in [low, high) that depends only on `text` (no draw from the seeded
    generator, so adding a field does not change the products that follow)."""
    return low + zlib.crc32(text.encode()) % (high - low)


def _image(source_url: str, cdn_url: str) -> dict[str, Any]:
    """An image object as the live API sends it: the merchant's source and the hosted copy."""
    return {
        "url": source_url,
        "cdnUrl": cdn_url,
        "width": 1200,
        "height": 1500,
        "sizeBytes": _stable_number(cdn_url, 60_000, 240_000),
        "mimeType": "image/jpeg",
    }


def _canonical_brand(plan: _CatalogPlan, name: str, description: str) -> dict[str, Any]:
    slug = slugify(name)
    return {
        "brand_uuid": f"brand_{zlib.crc32(slug.encode()):08x}",
        "brand_name": name,
        "brand_slug": slug,
        "brand_synonyms": [name.upper()],
        "brand_enrichment": {
            "brand_description": description,
            "domain": plan.base_url.removeprefix("https://"),
            "facet_target_audience": "kids" if "infant" in plan.age_groups else "adults",
            "facet_style_identity": sorted({style for kind in plan.kinds for style in kind.styles}),
            "brand_quality_score": _stable_number(slug, 30, 50) / 10,
            "founded_year": _stable_number(slug, 1990, 2021),
        },
    }


def _attribute(handle: str, name: str, value: str) -> dict[str, Any]:
    return {"handle": handle, "name": name, "values": [{"name": value, "handle": slugify(value)}]}


def _price(rng: random.Random, base: float) -> float | int:
    price = base * rng.uniform(0.8, 1.3)
    # A fifth of the prices are whole numbers: the API sends them as integers (`180`).
    return round(price) if rng.random() < 0.2 else round(price) - 0.01


def build_demo_catalogs(products: Sequence[ProductDraw]) -> list[dict[str, Any]]:
    """The `MerchantCatalogSummary` of each demo catalog, counting `products`."""
    return [
        {
            "catalog": plan.key,
            "displayName": plan.name,
            "sourceBaseUrl": plan.base_url,
            "productCount": sum(1 for product in products if product.plan.key == plan.key),
            "lastIndexedAt": _timestamp(_EPOCH - timedelta(hours=index * 7)),
        }
        for index, plan in enumerate(_CATALOGS)
    ]


def draw_demo_products(
    seed: int = DEFAULT_SEED, products_per_catalog: int = DEFAULT_PRODUCTS_PER_CATALOG
) -> list[ProductDraw]:
    """Every demo product, drawn in index order (`.view()` builds each one's dict)."""
    rng = random.Random(seed)
    numbers = range(products_per_catalog)
    return [ProductDraw(rng, plan, number) for plan in _CATALOGS for number in numbers]


def build_off_index_pages(seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """Product pages in no catalog, which `lookup` can still resolve on demand."""
    rng = random.Random(seed + 1)
    plan = _CATALOGS[1]._replace(
        key="indie",
        base_url="https://shop.example.com",
        brands=(("Studio Verde", "Independent slow-fashion label"),),
    )
    pages = []
    for number in range(12):
        page = ProductDraw(rng, plan, number).view()
        page["productUrl"] = page["productUrl"].replace("/products/", "/p/")
        pages.append(page)
    return pages + _documented_pages(seed)


# The products README.md and docs/ use as examples (CONTRACT.md's black hoodie among
# them), so that every documented call answers on the fake: (URL, title, price, color).
_DOCUMENTED = (
    ("https://warrenlotas.com/products/black-hoodie", "Black Hoodie", 180, 0),
    ("https://warrenlotas.com/products/washed-black-hoodie", "Washed Black Hoodie", 195, 0),
    ("https://example.com/products/blue-linen-dress", "Blue Linen Dress", 149.99, 4),
)


def _documented_pages(seed: int) -> list[dict[str, Any]]:
    """The documented products, as pages `lookup` resolves on demand."""
    rng = random.Random(seed + 2)
    hoodie = next(kind for kind in _CATALOGS[2].kinds if kind.key == "hoodie")
    dress = next(kind for kind in _CATALOGS[1].kinds if kind.key == "dress")
    pages = []
    for number, (url, title, price, color) in enumerate(_DOCUMENTED):
        kind = dress if "dress" in url else hoodie
        brand = ("Warren Lotas", "Los Angeles streetwear") if "warrenlotas" in url else None
        plan = (_CATALOGS[2] if kind is hoodie else _CATALOGS[1])._replace(
            key="documented",
            base_url=url.split("/products/")[0],
            currency="USD",
            brands=(brand,) if brand else (("Linea", "Linen and silk essentials"),),
            kinds=(kind._replace(price=price),),
        )
        page = ProductDraw(rng, plan, number).view()
        page.update(productUrl=url, title=title, currentPrice=price, originalPrice=None)
        page.update(promotions=[], inStock=True)
        label, hex_code, family = _COLORS[color]
        swatch = {**page["colors"][0], "label": label, "hexCode": hex_code}
        page["colors"] = [swatch]
        for variant in page["variants"]:
            variant["color"] = swatch
        if isinstance(page.get("enrichment"), dict):
            page["enrichment"].update(color=label.lower(), color_family=family)
        page["description"] = f"{title} by {page['brand']['name']}."
        pages.append(page)
    return pages


class ProductDraw:
    """What one product drew from the seeded generator: everything that makes it.

    Drawing is cheap, and must go in order, product after product; building a product's
    dict of some hundred values is most of the cost, and `octogen --mock search` reads
    only the words of most products. So the dataset keeps the draws, and `view()` builds
    the dict when it is first needed (see `Dataset.demo`).
    """

    # A plain class, not a NamedTuple or attrs: the demo makes hundreds at every start.
    __slots__ = (
        "adjective",
        "age_group",
        "brand",
        "color",
        "dimension",
        "discount",
        "fit",
        "gender",
        "gtin",
        "image_count",
        "in_stock",
        "kind",
        "material",
        "number",
        "plan",
        "price",
        "rating",
        "reviews",
        "updated_days_ago",
        "updated_minutes_ago",
        "uuid_bits",
        "variants_in_stock",
    )

    def __init__(self, rng: random.Random, plan: _CatalogPlan, number: int) -> None:
        """Draw product `number` of `plan`: what it takes from `rng`, always in this order."""
        self.plan = plan
        self.number = number
        self.kind = kind = rng.choice(plan.kinds)
        self.brand: tuple[str, str] = rng.choice(plan.brands)  # (name, description)
        self.color: tuple[str, str, str] = rng.choice(_COLORS)  # (label, hex code, family)
        self.adjective: str = rng.choice(_ADJECTIVES)
        self.material = rng.choice(kind.materials)
        self.fit = rng.choice(kind.fits)
        self.image_count = rng.randint(1, 3)
        self.price = _price(rng, kind.price)
        # The sale price's share of `price`, when on sale.
        self.discount = rng.choice((0.7, 0.75, 0.8, 0.85)) if rng.random() < 0.3 else None
        self.gender = rng.choice(plan.genders)
        self.age_group = rng.choice(plan.age_groups)
        self.updated_days_ago = rng.randint(0, 120)
        self.updated_minutes_ago = rng.randint(0, 1439)
        self.rating: tuple[float, int] | None = None  # (average, count)
        reviews: list[tuple[str, int, str]] = []  # (author, rating, body)
        if rng.random() < 0.8:
            self.rating = (round(rng.uniform(3.2, 5.0), 1), rng.randint(1, 900))
            for _ in range(rng.randint(0, 2)):
                author = rng.choice(_REVIEWERS)
                stars = rng.randint(3, 5)
                reviews.append((author, stars, rng.choice(_REVIEW_BODIES)))
        self.reviews = reviews
        self.uuid_bits = rng.getrandbits(80)
        self.in_stock = rng.random() < 0.9
        self.variants_in_stock = [rng.random() < 0.8 for _ in kind.sizes[:4]]
        # The bag's width, for one-size products.
        self.dimension = rng.randint(20, 45) if kind.sizes == _ONE else None
        self.gtin = rng.randint(10**12, 10**13 - 1)

    @property
    def catalog_key(self) -> str:
        """The key of the product's catalog."""
        return self.plan.key

    @property
    def title(self) -> str:
        """The product's title."""
        return f"{self.adjective} {self.color[0]} {self.kind.title}"

    @property
    def url(self) -> str:
        """The product's page (already in the form `normalize_url` gives)."""
        return f"{self.plan.base_url}/products/{slugify(self.title)}-{self.number + 1}"

    def searchable(self) -> dict[str, Any]:
        """The fields of `view()` that a word search reads, with the same values."""
        return {
            "title": self.title,
            "brand": {"name": self.brand[0]},
            "tags": _tags(self.kind, self.material),
            "description": _description(self),
        }

    def view(self) -> dict[str, Any]:
        """The product as the API sends it: a `MerchantProductView` dict, built anew."""
        return _build_view(self)


def _tags(kind: _Kind, material: str) -> list[str]:
    return [kind.key.replace("_", "-"), material, *kind.styles]


def _description(draw: ProductDraw) -> str:
    brand_name = draw.brand[0]
    color_label = draw.color[0]
    return (
        f"{draw.adjective} {draw.kind.title.lower()} in {color_label.lower()} {draw.material}, "
        f"with a {draw.fit} fit. By {brand_name}."
    )


def _build_view(draw: ProductDraw) -> dict[str, Any]:
    plan, kind, number = draw.plan, draw.kind, draw.number
    brand_name, brand_description = draw.brand
    color_label, hex_code, color_family = draw.color
    adjective, material, fit = draw.adjective, draw.material, draw.fit
    title = draw.title
    slug = f"{slugify(title)}-{number + 1}"
    url = f"{plan.base_url}/products/{slug}"
    cdn = f"https://cdn.octogen-demo.example/{plan.key}/{slug}"
    images = [
        _image(f"{plan.base_url}/media/{slug}-{index + 1}.jpg", f"{cdn}-{index + 1}.jpg")
        for index in range(draw.image_count)
    ]

    price = draw.price
    original_price: float | int | None = None
    current_price: float | int = price
    promotions: list[dict[str, Any]] = []
    if draw.discount is not None:
        original_price = price
        current_price = round(price * draw.discount, 2)
        off = round(100 * (1 - current_price / price))
        promotions = [{"description": f"{off}% off this season", "code": None}]

    genders = [draw.gender]
    age_groups = [draw.age_group]
    brand_slug = slugify(brand_name)
    color = {"label": color_label, "hexCode": hex_code, "swatchUrl": f"{cdn}-swatch.png"}
    sizes = list(kind.sizes)
    variant_sizes = zip(sizes[:4], draw.variants_in_stock, strict=True)
    sku_prefix = f"{plan.key[:3].upper()}-{number + 1:04d}"
    updated_at = _EPOCH - timedelta(days=draw.updated_days_ago, minutes=draw.updated_minutes_ago)
    rating = None
    if draw.rating is not None:
        rating = {"average": draw.rating[0], "count": draw.rating[1]}
    reviews = [
        {
            "author": author,
            "rating": stars,
            "body": body,
            "publishedAt": _timestamp(updated_at - timedelta(days=3 + index * 11)),
        }
        for index, (author, stars, body) in enumerate(draw.reviews)
    ]
    category = kind.category_path[-1]
    collection_url = f"{plan.base_url}/collections/{slugify(category)}"
    return {
        "uuid": f"prod_{draw.uuid_bits:020x}",
        "catalogKey": plan.key,
        "productUrl": url,
        "title": title,
        "brand": {
            "name": brand_name,
            "slug": brand_slug,
            "url": f"{plan.base_url}/collections/{brand_slug}",
            "description": brand_description,
        },
        "currentPrice": current_price,
        "originalPrice": original_price,
        "currency": plan.currency,
        "imageUrl": images[0]["cdnUrl"],  # deprecated by the API, still filled
        "primaryImage": images[0],
        "images": images,
        "rating": rating,
        "isActive": True,
        "displayMatchScore": None,
        "updatedAt": _timestamp(updated_at),
        "description": _description(draw),
        "inStock": draw.in_stock,
        "categories": [{"name": category, "url": collection_url}],
        "sizes": sizes,
        "colors": [color],
        "tags": _tags(kind, material),
        "variants": [
            {
                "sku": f"{sku_prefix}-{slugify(size).upper()}",
                "productUrl": f"{url}?variant={index + 1}",
                "color": color,
                "size": size,
                "inStock": in_stock,
                "imageUrl": images[0]["cdnUrl"],
            }
            for index, (size, in_stock) in enumerate(variant_sizes)
        ],
        "details": {
            "materials": [f"100% {material}"],
            "fit": [fit],
            "dimensions": None if draw.dimension is None else f"{draw.dimension} x 30 cm",
            "patterns": ["solid"],
        },
        "audience": {"genders": genders, "ageGroups": age_groups},
        "identifiers": {
            "productId": str(10_000 + number),
            "gtin": f"{draw.gtin:014d}",
            "productGroupId": sku_prefix,
        },
        "breadcrumbs": [
            {"name": "Home", "url": f"{plan.base_url}/"},
            {"name": category, "url": collection_url},
        ],
        "promotions": promotions,
        "reviews": reviews,
        "videos": [],
        "enrichment": {
            "type": kind.key,
            "type_synonyms": [kind.title.lower()],
            "tags": [material, fit],
            "styles": list(kind.styles),
            "image_with_single_product": True,
            "gender": genders[0],
            "is_activewear": kind.activewear,
            "age_groups": age_groups,
            "color": [color_label.lower()],
            "color_family": [color_family],
            "category_path": list(kind.category_path),
            "attributes": {"fit": [fit], "material": [material]},
            "attribute_handles": {"fit": [slugify(fit)], "material": [slugify(material)]},
            "structured_attributes": [
                _attribute("fit", "Fit", fit),
                _attribute("material", "Material", material),
            ],
            "brand_id": f"brand_{brand_slug}",
            "canonical_brand": _canonical_brand(plan, brand_name, brand_description),
            "raw_brand_name": brand_name.upper(),
            "summary": f"A {adjective.lower()} {color_label.lower()} {kind.title.lower()}.",
        },
    }
