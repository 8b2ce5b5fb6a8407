"""A module's video as a link that loads nothing from another site until the reader asks.

YouTube and Vimeo videos become their privacy-friendly players
(www.youtube-nocookie.com, player.vimeo.com: the only frame sources the
Content-Security-Policy allows). The page shows a plain link to that player;
`static/js/academy.js` swaps the link for the player in place after a click.
Videos elsewhere stay plain links to their address.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
VIMEO_ID = re.compile(r"^\d{1,15}$")


@dataclass
class VideoLink:
    href: str
    host: str
    embed_url: str = ""  # empty when the video cannot play in the page


def video_link(url):
    """The link a reader follows (or the player the script embeds) for a video address; None without a web one."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return None  # javascript:, data: and the like are no video a reader could follow
    host = (parts.hostname or "").lower()
    embed_url = _youtube_player(host, parts) or _vimeo_player(host, parts)
    if embed_url:
        return VideoLink(href=embed_url, host=urlsplit(embed_url).hostname, embed_url=embed_url)
    return VideoLink(href=url, host=host)


def _youtube_player(host, parts):
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = None
    if host == "youtu.be" and segments:
        video_id = segments[0]
    elif host in YOUTUBE_HOSTS:
        if segments == ["watch"]:
            video_id = (parse_qs(parts.query).get("v") or [None])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
    if video_id and YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


def _vimeo_player(host, parts):
    segments = [segment for segment in parts.path.split("/") if segment]
    if host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
        video_id = segments[1]
    elif host in VIMEO_HOSTS and len(segments) == 1:
        video_id = segments[0]
    else:
        return None
    return f"https://player.vimeo.com/video/{video_id}" if VIMEO_ID.match(video_id) else None
