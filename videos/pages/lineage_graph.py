"""The graph on /lineage/ (issue 16, item 3): technique descent with the videos placed in
time and their echoes drawn between them, as SVG geometry.

Each public technique is a lane, from its first video in the archive to its last; lanes
are ordered so a technique sits below its last parent (dissolve/wipe → digital morphing →
deepfake → generative video read down the page). A video is a dot on every lane it claims
(filled on its primary technique), a descent is a curve from the parent's lane into the
child's first year, and an echo is an arc between two videos' primary dots. Four queries,
whatever the archive's size.
"""

from dataclasses import dataclass, field

from videos.models import Precedent, Technique, VideoTechnique
from videos.models.querysets import public_q
from videos.models.slug_links import slug_url
from videos.pages.compare import compare_path

MARGIN = 16  # left and right of the time axis
YEAR_WIDTH = 22
LANE = 40
TOP = 40
LABEL_RISE = 11  # a lane's name sits above its first video
CHARACTER = 6.6  # a rough width of one character of a 12px name, to keep it inside
RADIUS = 4.5
STACK = 9  # vertical offset between videos of one lane and year


@dataclass
class VideoNode:
    pk: int
    slug: str
    title: str
    year: int
    echoes: list = field(default_factory=list)  # (earlier VideoNode, note)
    primary: object = None  # the Lane of its primary technique
    dot: object = None  # the Dot on that lane, where echoes are drawn from

    def get_absolute_url(self):
        return slug_url("videos:video", self.slug)


@dataclass
class Dot:
    video: VideoNode
    primary: bool
    x: float = 0
    y: float = 0


@dataclass
class Lane:
    technique: object
    dots: list = field(default_factory=list)
    parents: list = field(default_factory=list)
    children: list = field(default_factory=list)
    tree_children: list = field(default_factory=list)  # placed beneath it in the list
    other_parents: list = field(default_factory=list)  # parents it isn't listed under
    y: float = 0
    start_x: float = 0
    end_x: float = 0
    label_x: float = 0
    label_anchor: str = "start"

    @property
    def label_y(self):
        return self.y - LABEL_RISE

    @property
    def first_year(self):
        return min(dot.video.year for dot in self.dots)

    @property
    def last_year(self):
        return max(dot.video.year for dot in self.dots)

    @property
    def first_video(self):
        return min(self.dots, key=lambda dot: (dot.video.year, dot.video.title)).video


def read_archive():
    """Lanes by technique id, and the video nodes; three queries."""
    lanes = {pk: Lane(t) for pk, t in Technique.objects.public().in_bulk().items()}
    claims = VideoTechnique.objects.filter(public_q("video__")).values_list(
        "technique_id", "is_primary", "video_id", "video__slug", "video__title",
        "video__year",
    )  # fmt: skip
    videos = {}
    for technique_id, primary, pk, slug, title, year in claims.order_by(
        "video__year", "video__title"
    ):
        video = videos.setdefault(pk, VideoNode(pk, slug, title, year))
        lanes[technique_id].dots.append(Dot(video, primary))
        if primary:
            video.primary = lanes[technique_id]
    edges = Technique.descends_from.through.objects.values_list(
        "from_technique_id", "to_technique_id"
    )
    for child, parent in edges:
        if child in lanes and parent in lanes:
            lanes[child].parents.append(lanes[parent])
            lanes[parent].children.append(lanes[child])
    return lanes, videos


def read_echoes(videos):
    """Attach each public precedent link to its later video; one query."""
    links = Precedent.objects.filter(
        public_q("later__"), public_q("earlier__")
    ).values_list("later_id", "earlier_id", "note")
    for later, earlier, note in links:
        if later in videos and earlier in videos:
            videos[later].echoes.append((videos[earlier], note))


def in_descent_order(lanes):
    """Lanes depth first from the oldest roots, each placed after all its parents (and
    listed beneath the last of them); also returns the roots of that tree."""
    by_age = sorted(lanes, key=lambda lane: (lane.first_year, lane.technique.name))
    placed, order = set(), []

    def visit(lane, parent=None):
        if id(lane) in placed or any(id(p) not in placed for p in lane.parents):
            return
        placed.add(id(lane))
        order.append(lane)
        if parent is not None:
            parent.tree_children.append(lane)
            lane.other_parents = [p for p in lane.parents if p is not parent]
        for child in sorted(lane.children, key=by_age.index):
            visit(child, lane)

    roots = [lane for lane in by_age if not lane.parents]
    for lane in roots:
        visit(lane)
    # A cycle an editor made by mistake leaves lanes unplaced: list them last, as roots.
    stranded = [lane for lane in by_age if id(lane) not in placed]
    return order + stranded, roots + stranded


def lineage_graph():
    """Lanes, dots, descents and echoes with their geometry, or None when empty."""
    lanes, videos = read_archive()
    lanes = [lane for lane in lanes.values() if lane.dots]
    if not lanes:
        return None
    read_echoes(videos)
    years = [video.year for video in videos.values()]
    first, last = min(years) - min(years) % 5, max(years) + 5 - max(years) % 5

    def x(year):
        return MARGIN + (year - first) * YEAR_WIDTH

    lanes, roots = in_descent_order(lanes)
    for index, lane in enumerate(lanes):
        lane.y = TOP + index * LANE + LANE / 2
        place_dots(lane, x)
        place_label(lane, right_edge=x(last))
    return {
        "lanes": lanes,
        "roots": roots,
        "descents": [
            descent(parent, child, x) for child in lanes for parent in child.parents
        ],
        "echoes": echo_arcs(videos.values()),
        "ticks": [(x(year), year) for year in range(first, last + 1, 5)],
        "axis_y": TOP + len(lanes) * LANE + 14,
        "width": x(last) + MARGIN,
        "height": TOP + len(lanes) * LANE + 22,
        "radius": RADIUS,
        "video_count": len(videos),
    }


def place_dots(lane, x):
    """Each dot at its year; videos of one year stack around the lane's line."""
    by_year = {}
    for dot in lane.dots:
        by_year.setdefault(dot.video.year, []).append(dot)
    for year, dots in by_year.items():
        for index, dot in enumerate(dots):
            dot.x = x(year)
            dot.y = lane.y + (index - (len(dots) - 1) / 2) * STACK
            if dot.primary:
                dot.video.dot = dot
    lane.start_x, lane.end_x = x(lane.first_year), x(lane.last_year)


def place_label(lane, right_edge):
    """The lane's name above its first video, or ending above its last when it would
    run past the axis."""
    lane.label_x, lane.label_anchor = lane.start_x - RADIUS, "start"
    if lane.label_x + len(lane.technique.name) * CHARACTER > right_edge:
        lane.label_x, lane.label_anchor = lane.end_x + RADIUS, "end"


@dataclass
class Curve:
    path: str
    title: str
    url: str = ""
    colour: str = ""
    secondary: bool = False


def descent(parent, child, x):
    """A curve from the parent's lane (no earlier than its first video, no later than its
    last) into the child's first video. Dashed for a parent the list doesn't nest the
    child under, which is often a long way up the page."""
    end_x = x(child.first_year) - RADIUS - 2
    start_x = min(max(parent.start_x, end_x - 3 * YEAR_WIDTH), parent.end_x)
    bend = max((end_x - start_x) / 2, YEAR_WIDTH)
    path = (
        f"M{start_x:.1f},{parent.y:.1f} C{start_x + bend:.1f},{parent.y:.1f} "
        f"{end_x - bend:.1f},{child.y:.1f} {end_x:.1f},{child.y:.1f}"
    )
    title = f"{child.technique.name} grew out of {parent.technique.name}"
    secondary = parent in child.other_parents
    return Curve(path, title, colour=child.technique.colour, secondary=secondary)


def echo_arcs(videos):
    """One arc per echo, from the earlier video's primary dot to the later one's, bowed
    to the right of its direction so arcs between the same lanes don't coincide."""
    arcs = []
    for later in videos:
        for earlier, note in later.echoes:
            a, b = earlier.dot, later.dot
            if a is None or b is None:
                continue
            mid_x, mid_y = (a.x + b.x) / 2, (a.y + b.y) / 2
            bow_x, bow_y = (b.y - a.y) * 0.15, (a.x - b.x) * 0.15
            path = (
                f"M{a.x:.1f},{a.y:.1f} Q{mid_x + bow_x:.1f},{mid_y + bow_y:.1f} "
                f"{b.x:.1f},{b.y:.1f}"
            )
            title = f"{later.title} ({later.year}) echoes {earlier.title} ({earlier.year}): {note}"
            arcs.append(Curve(path, title, url=compare_path(earlier, later)))
    return arcs
