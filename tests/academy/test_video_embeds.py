"""academy/video_embeds.py: which address a video link leads to, and which player may be embedded."""

import pytest

from academy.video_embeds import video_link


@pytest.mark.parametrize(
    "url, embed",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_youtube_and_vimeo_play_in_their_privacy_friendly_players(url, embed):
    link = video_link(url)
    assert (link.href, link.embed_url) == (embed, embed)
    assert link.host in ("www.youtube-nocookie.com", "player.vimeo.com")


@pytest.mark.parametrize(
    "url",
    [
        "https://media.example.org/rumours.mp4",
        'https://www.youtube.com/watch?v=bad"id<script>',
        "https://www.youtube.com/playlist?list=PL123",
        "https://vimeo.com/channels/staffpicks",
        "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_anything_else_stays_a_plain_link_to_its_own_host(url):
    link = video_link(url)
    assert link.embed_url == ""
    assert link.href == url


def test_no_video_no_link():
    assert video_link("") is None
