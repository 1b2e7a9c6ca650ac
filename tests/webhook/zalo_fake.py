"""A fake of Zalo's OA API as a real HTTP server on loopback: records what it is sent, and can be told to
fail or to answer that the access token has expired."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import FastAPI, Form, Header, Response


@dataclass
class FakeZalo:
    access_token: str = "token-1"
    refresh_token: str = "refresh-1"
    failures_to_come: int = 0  # the next N message calls answer HTTP 502
    sent: list[dict] = field(default_factory=list)  # {"user_id", "text", "access_token"}
    refreshes: list[dict] = field(default_factory=list)
    url: str = ""

    def texts_to(self, user_id: str) -> list[str]:
        return [message["text"] for message in self.sent if message["user_id"] == user_id]

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v3.0/oa/message/cs")
        async def message(
            body: dict, response: Response, access_token: str = Header("", convert_underscores=False)
        ) -> dict:
            if self.failures_to_come:
                self.failures_to_come -= 1
                response.status_code = 502
                return {"error": -1, "message": "bad gateway"}
            if access_token != self.access_token:
                return {"error": -216, "message": "Access token is invalid"}
            self.sent.append(
                {
                    "user_id": body["recipient"]["user_id"],
                    "text": body["message"]["text"],
                    "access_token": access_token,
                }
            )
            return {"error": 0, "message": "Success", "data": {"message_id": f"m{len(self.sent)}"}}

        @app.post("/v4/oa/access_token")
        async def refresh(
            refresh_token: str = Form(),
            app_id: str = Form(),
            grant_type: str = Form(),
            secret_key: str = Header("", convert_underscores=False),
        ) -> dict:
            self.refreshes.append(
                {"refresh_token": refresh_token, "app_id": app_id, "secret_key": secret_key}
            )
            if refresh_token != self.refresh_token or grant_type != "refresh_token":
                return {"error": -14014, "message": "Invalid refresh token"}
            number = len(self.refreshes) + 1
            self.access_token, self.refresh_token = f"token-{number}", f"refresh-{number}"
            return {
                "access_token": self.access_token,
                "refresh_token": self.refresh_token,
                "expires_in": "90000",
            }

        return app
