"""`python -m ops users add|disable|enable|password|list`: staff accounts, from the operator's shell."""

from __future__ import annotations

import argparse
import getpass
import re
import sys

from storage import UsernameTaken, UserRole, UserStore, make_engine
from storage.users import USERNAME_PATTERN
from webhook.core.security import hash_password

MIN_PASSWORD_LENGTH = 10


def _password(args: argparse.Namespace) -> str:
    """From --password-stdin (scripts) or typed twice at a prompt; never from the command line."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            sys.exit("Hai lần nhập mật khẩu không khớp.")
    if len(password) < MIN_PASSWORD_LENGTH:
        sys.exit(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    return password


def run(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m ops users", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--full-name", required=True)
    add.add_argument("--role", choices=[r.value for r in UserRole], required=True)
    for name in ("disable", "enable", "password"):
        commands.add_parser(name).add_argument("username")
    commands.add_parser("list")
    for sub in (add, commands.choices["password"]):
        sub.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    args = parser.parse_args(argv)
    users = UserStore(make_engine())
    try:
        if args.command == "add":
            if not re.fullmatch(USERNAME_PATTERN, args.username):
                sys.exit(
                    "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới."
                )
            users.add(args.username, args.full_name, UserRole(args.role), hash_password(_password(args)))
            print(f"Đã tạo tài khoản {args.username} ({args.role}).")
        elif args.command == "password":
            users.set_password_hash(args.username, hash_password(_password(args)))
            print(f"Đã đổi mật khẩu của {args.username}.")
        elif args.command in ("disable", "enable"):
            users.set_active(args.username, args.command == "enable")
            print(f"Đã {'mở khóa' if args.command == 'enable' else 'khóa'} tài khoản {args.username}.")
        else:
            for user in users.all():
                state = "hoạt động" if user.active else "đã khóa"
                print(f"{user.username}\t{user.role.value}\t{state}\t{user.full_name}")
    except UsernameTaken:
        sys.exit(f"Tên đăng nhập {args.username} đã có.")
    except LookupError:
        sys.exit(f"Không có tài khoản {args.username}.")
