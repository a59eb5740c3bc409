from sendreview.cli import main

main()
