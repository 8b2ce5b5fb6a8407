"""The benchmarks' one GET: an answer cut off mid-body is reported, not raised (a whole export at a million
rows was cut by the worker time-out, and the benchmark stopped there instead of reporting it)."""

import socket
import threading

from bench.probe import get


def serve_once(reply):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def answer():
        connection, _ = listener.accept()
        connection.recv(65536)
        connection.sendall(reply)
        connection.close()
        listener.close()

    threading.Thread(target=answer, daemon=True).start()
    return port


def test_an_answer_cut_off_mid_body_is_reported_by_the_errors_name():
    cut = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n400\r\nnot all of it"
    answer = get(serve_once(cut), "/practices/export.csv", timeout=5)
    assert answer.status == "IncompleteRead"
    assert answer.first_byte_seconds <= answer.seconds


def test_a_whole_answer_is_its_status_and_size():
    whole = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
    answer = get(serve_once(whole), "/", timeout=5)
    assert (answer.status, answer.size) == (200, 5)
