"""Small helpers for tests that drive the product through its API."""

from __future__ import annotations

import sqlalchemy as sa

from consult.extensions import db
from consult.speerpunten.models import Phase, Speerpunt


class Api:
    """A test client speaking JSON with one actor's token."""

    def __init__(self, client, headers):
        self.client = client
        self.headers = headers

    def get(self, path, **kwargs):
        return self.client.get(f"/api/v1{path}", headers=self.headers, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.client.post(f"/api/v1{path}", headers=self.headers, json=json, **kwargs)

    def put(self, path, json=None, **kwargs):
        return self.client.put(f"/api/v1{path}", headers=self.headers, json=json, **kwargs)

    def delete(self, path, **kwargs):
        return self.client.delete(f"/api/v1{path}", headers=self.headers, **kwargs)


def section_text(api: Api, slug: str, section: str) -> str:
    return api.get(f"/speerpunten/{slug}").json["sections"][section]


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def set_phase(app, slug: str, phase: str, closes_at=None) -> None:
    with app.app_context():
        speerpunt = db.session.execute(
            sa.select(Speerpunt).where(Speerpunt.slug == slug)).scalar_one()
        speerpunt.phase = Phase(phase)
        speerpunt.closes_at = closes_at
        db.session.commit()


def assert_error(response, status: int, code: str):
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    assert response.is_json
    assert response.json["error"]["code"] == code, response.json
    assert response.json["error"]["message"]
    return response.json["error"]


def table_counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }
