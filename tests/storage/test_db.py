from storage import make_engine


def test_sqlite_file_gets_its_folder_wal_and_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'var' / 'db.sqlite3'}")
    try:
        with engine.connect() as connection:
            modes = [
                connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "busy_timeout")
            ]
    finally:
        engine.dispose()
    assert (tmp_path / "nested" / "var").is_dir()
    assert modes == ["wal", 5000]
